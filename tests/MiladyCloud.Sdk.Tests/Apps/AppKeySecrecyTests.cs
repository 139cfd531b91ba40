using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppKeySecrecyTests
{
    private const string NewKey = "eliza_fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432";

    [Test]
    public async Task The_regenerated_and_created_app_keys_never_reach_the_logs()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        using var api = new FakeApi(o => o.LoggerFactory = loggerFactory);
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/regenerate-api-key").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"success\":true,\"apiKey\":\"" + NewKey + "\",\"message\":\"ok\"}"));
        api.Server.Given(Request.Create().WithPath("/api/v1/apps").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"success\":true,\"app\":{\"id\":\"a-2\"},\"apiKey\":\"" + NewKey + "\"}"));

        var regenerated = await api.Client.Apps.RegenerateApiKeyAsync("a-1");
        var created = await api.Client.Apps.CreateAsync(new MiladyCloud.Sdk.Models.CreateAppRequest { Name = "A", AppUrl = "https://a.example" });

        Assert.That(regenerated.ApiKey, Is.EqualTo(NewKey));
        Assert.That(created.ApiKey, Is.EqualTo(NewKey));
        var records = collector.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "the client should have logged the calls");
        var logged = string.Join("\n", records.Select(r => r.Message).Concat(records.SelectMany(r => r.StructuredState ?? []).Select(kv => kv.Value)));
        Assert.That(logged, Does.Not.Contain(NewKey[6..]));
        Assert.That(regenerated.ToString() + created.ToString(), Does.Not.Contain(NewKey[6..]));
    }
}
