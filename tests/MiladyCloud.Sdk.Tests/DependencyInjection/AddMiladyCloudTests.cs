using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiladyCloud.Sdk.Testing;
using Polly;

namespace MiladyCloud.Sdk.Tests.DependencyInjection;

public class AddMiladyCloudTests
{
    [Test]
    public async Task The_registered_client_calls_the_service_through_the_factory_pipeline()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = fake.BaseUrl; });
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var chat = provider.GetRequiredService<ChatClient>();
        var completion = await chat.CreateAsync("openai/gpt-5.4", "hello");

        Assert.That(completion.Choices[0].Message.Content, Does.EndWith("You said: hello"));
        Assert.That(fake.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + MiladyCloudFakeServer.ApiKey));
        Assert.That(provider.GetRequiredService<MiladyCloudClient>().RateLimits.Latest!.Remaining, Is.EqualTo(199),
            "rate-limit knowledge is shared by every client the container creates");
    }

    [Test]
    public async Task Retries_come_from_the_resilience_handler_of_the_http_client_builder()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.Status(System.Net.HttpStatusCode.ServiceUnavailable));
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = fake.BaseUrl; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });
        await using var provider = services.BuildServiceProvider();

        var models = await provider.GetRequiredService<MiladyCloudClient>().Models.ListAsync();

        Assert.That(models.Data, Is.Not.Empty);
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Replacing_the_resilience_pipeline_leaves_exactly_one_retry_layer()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.Status(System.Net.HttpStatusCode.ServiceUnavailable), times: 3);
        var services = new ServiceCollection();
        var builder = services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = fake.BaseUrl; o.MaxRetries = 5; });
#pragma warning disable EXTEXP0001 // Marked experimental by Microsoft.Extensions.Http.Resilience; the documented way to replace a pipeline.
        builder.HttpClientBuilder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.HttpClientBuilder.AddResilienceHandler("mine", pipeline => pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = TimeSpan.Zero,
        }));
        await using var provider = services.BuildServiceProvider();

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => provider.GetRequiredService<MiladyCloudClient>().Models.ListAsync());
        Assert.That(fake.Requests, Has.Count.EqualTo(2), "only the user's single retry ran; the SDK's five are gone");
    }

    [Test]
    public void Invalid_options_fail_at_start_up_saying_what_to_fix()
    {
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = "  "; o.BaseUrl = new Uri("http://example.com/api/v1"); o.NetworkTimeout = TimeSpan.FromSeconds(-1); });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<MiladyCloudClientOptions>>().Value);

        var text = string.Join(" ", ex!.Failures);
        Assert.That(text, Does.Contain("Set ApiKey").And.Contain("must use https").And.Contain("NetworkTimeout must be positive"));
    }

    [Test]
    public async Task Keyed_registrations_reach_different_accounts_and_base_urls()
    {
        using var primary = MiladyCloudFakeServer.Start();
        using var secondary = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = primary.BaseUrl; });
        services.AddMiladyCloud("eu", o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = secondary.BaseUrl; o.Authentication = MiladyCloudAuthentication.ApiKeyHeader; });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<MiladyCloudClient>().Models.ListAsync();
        await provider.GetRequiredKeyedService<MiladyCloudClient>("eu").Chat.CreateAsync("openai/gpt-5.4", "hi");

        Assert.That(primary.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/models" }));
        Assert.That(secondary.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/chat/completions" }));
        Assert.That(secondary.Requests.Single().Headers["X-API-Key"], Is.EqualTo(MiladyCloudFakeServer.ApiKey));
        Assert.That(provider.GetRequiredKeyedService<MiladyCloudClient>("eu").RateLimits.Latest, Is.Not.Null);
        Assert.That(provider.GetRequiredService<MiladyCloudClient>().RateLimits.Latest, Is.Null, "each account keeps its own rate-limit knowledge");
    }

    [Test]
    public async Task A_keyed_registration_also_offers_its_category_clients_under_the_key()
    {
        using var primary = MiladyCloudFakeServer.Start();
        using var secondary = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = primary.BaseUrl; });
        services.AddMiladyCloud("eu", o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = secondary.BaseUrl; });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<ModelsClient>("eu").ListAsync();
        await provider.GetRequiredService<ChatClient>().CreateAsync("openai/gpt-5.4", "hi");

        Assert.That(secondary.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/models" }));
        Assert.That(primary.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/chat/completions" }));
        Assert.That(provider.GetKeyedService<AppsClient>("eu"), Is.Not.Null);
        Assert.That(provider.GetKeyedService<ChatClient>("other"), Is.Null);
    }

    [Test]
    public void Options_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiladyCloud:ApiKey"] = "eliza_configured",
            ["MiladyCloud:BaseUrl"] = "https://staging.example.com/api/v1",
            ["MiladyCloud:MaxRetries"] = "5",
            ["MiladyCloud:StreamIdleTimeout"] = "00:03:00",
            ["MiladyCloud:MaxResponseBytes"] = "33554432",
            ["MiladyCloud:MaxDownloadBytes"] = "1048576",
        }).Build();
        var services = new ServiceCollection();
        services.AddMiladyCloud(configuration.GetSection("MiladyCloud"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MiladyCloudClientOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.EqualTo("eliza_configured"));
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://staging.example.com/api/v1")));
            Assert.That(options.MaxRetries, Is.EqualTo(5));
            Assert.That(options.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(3)));
            Assert.That(options.MaxResponseBytes, Is.EqualTo(32L * 1024 * 1024));
            Assert.That(options.MaxDownloadBytes, Is.EqualTo(1024L * 1024));
        });
    }

    [Test]
    public void The_builder_exposes_the_http_client_builder_for_handlers()
    {
        var services = new ServiceCollection();

        var builder = services.AddMiladyCloud(o => o.ApiKey = "eliza_x");

        Assert.That(builder.HttpClientBuilder.Name, Is.EqualTo(MiladyCloudServiceCollectionExtensions.HttpClientName));
        Assert.That(builder.Services, Is.SameAs(services));
    }
}
