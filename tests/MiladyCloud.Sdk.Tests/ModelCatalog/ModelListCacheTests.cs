using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.ModelCatalog;

public class ModelListCacheTests
{
    private static void Serve(FakeApi api, string? cacheControl)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"object":"list","data":[]}""");
        if (cacheControl is not null)
        {
            response = response.WithHeader("Cache-Control", cacheControl);
        }

        api.Server.Given(Request.Create().WithPath("/api/v1/models").UsingGet()).RespondWith(response);
    }

    [Test]
    public async Task Max_age_alone_sets_the_lifetime_measured_on_the_client_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var api = new FakeApi(o => o.TimeProvider = clock);
        Serve(api, "public, max-age=60");

        await api.Client.Models.ListAsync();
        clock.Advance(TimeSpan.FromSeconds(59));
        await api.Client.Models.ListAsync();
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        await api.Client.Models.ListAsync();
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task S_maxage_wins_over_max_age()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var api = new FakeApi(o => o.TimeProvider = clock);
        Serve(api, "max-age=10, s-maxage=600");

        await api.Client.Models.ListAsync();
        clock.Advance(TimeSpan.FromSeconds(300));
        await api.Client.Models.ListAsync();

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [TestCase("no-store, max-age=600")]
    [TestCase("no-cache, s-maxage=600")]
    [TestCase("max-age=0")]
    public async Task Nothing_is_cached_when_the_server_forbids_it(string cacheControl)
    {
        using var api = new FakeApi();
        Serve(api, cacheControl);

        await api.Client.Models.ListAsync();
        await api.Client.Models.ListAsync();

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task The_cache_belongs_to_one_client()
    {
        using var api = new FakeApi();
        Serve(api, "s-maxage=3600");
        using var other = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = api.Options.BaseUrl, MaxRetries = 0 });

        await api.Client.Models.ListAsync();
        await other.Models.ListAsync();
        await api.Client.Models.ListAsync();

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_fresh_read_replaces_the_cached_answer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var api = new FakeApi(o => o.TimeProvider = clock);
        Serve(api, "s-maxage=3600");

        var first = await api.Client.Models.ListAsync();
        var fresh = await api.Client.Models.ListAsync(useCache: false);
        var cached = await api.Client.Models.ListAsync();

        Assert.That(fresh, Is.Not.SameAs(first));
        Assert.That(cached, Is.SameAs(fresh));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_failed_refresh_does_not_poison_the_cache()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var api = new FakeApi(o => o.TimeProvider = clock);
        Serve(api, "s-maxage=60");
        var first = await api.Client.Models.ListAsync();
        api.Server.Reset();
        api.Server.Given(Request.Create().WithPath("/api/v1/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":{"message":"down","type":"service_unavailable"}}"""));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Models.ListAsync(useCache: false));
        var again = await api.Client.Models.ListAsync();

        Assert.That(again, Is.SameAs(first));
    }
}
