using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Apps;

/// <summary>How the apps client is obtained and replaced: DI, shared sub-clients, mocking.</summary>
public class AppsClientShapeTests
{
    [Test]
    public async Task AddMiladyCloud_registers_the_apps_client_and_it_reaches_the_service()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = fake.BaseUrl; });
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var apps = provider.GetRequiredService<AppsClient>();

        // The fake has no app routes: the typed 404 proves the call went through the registered pipeline.
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => apps.GetAsync("a-1"));
        Assert.That(fake.Requests.Single().Path, Is.EqualTo("/api/v1/apps/a-1"));
    }

    [Test]
    public void Sub_clients_are_created_once_per_apps_client()
    {
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = MiladyCloudFakeServer.ApiKey });

        var apps = client.Apps;
        var first = (apps.Domains, apps.Earnings, apps.Automation, apps.Promotion);
        var second = (client.Apps.Domains, client.Apps.Earnings, client.Apps.Automation, client.Apps.Promotion);

        Assert.Multiple(() =>
        {
            Assert.That(client.Apps, Is.SameAs(apps));
            Assert.That(second.Domains, Is.SameAs(first.Domains));
            Assert.That(second.Earnings, Is.SameAs(first.Earnings));
            Assert.That(second.Automation, Is.SameAs(first.Automation));
            Assert.That(second.Promotion, Is.SameAs(first.Promotion));
        });
    }

    [Test]
    public async Task A_test_double_can_replace_the_client_and_its_sub_clients()
    {
        var apps = new StubApps();

        var app = await apps.GetAsync("a-1");
        var status = await apps.Domains.GetStatusAsync("a-1", "example.com");

        Assert.That(app.Name, Is.EqualTo("stub"));
        Assert.That(status.Status, Is.EqualTo(AppDomainState.Valid));
        Assert.Throws<InvalidOperationException>(() => new StubApps().Earnings.GetMonetizationAsync("a-1"), "a member not overridden says so");
    }

    private sealed class StubApps : AppsClient
    {
        public override Task<App> GetAsync(string appId, CancellationToken cancellationToken = default) => Task.FromResult(new App { Id = appId, Name = "stub" });

        public override AppDomainsClient Domains { get; } = new StubDomains();
    }

    private sealed class StubDomains : AppDomainsClient
    {
        public override Task<AppDomainStatus> GetStatusAsync(string appId, string domain, CancellationToken cancellationToken = default)
            => Task.FromResult(new AppDomainStatus
            {
                Domain = domain,
                Status = AppDomainState.Valid,
                Configured = true,
                Verified = true,
                SslStatus = AppSslStatus.Active,
                Records = [],
                IsApexDomain = true,
                DnsInstructions = [],
            });
    }
}
