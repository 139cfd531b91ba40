using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk.Redis;
using MiladyCloud.Sdk.Testing;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>The one-line set-ups, with and without dependency injection, and what they refuse.</summary>
[NonParallelizable]
public class RedisRegistrationTests
{
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private MiladyCloudFakeServer _fake = null!;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _server = RedisServer.Start();
        _redis = await _server.ConnectAsync();
        _fake = MiladyCloudFakeServer.Start();
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        _fake.Dispose();
        await _redis.DisposeAsync();
        _server.Dispose();
    }

    private void Configure(MiladyCloudClientOptions options)
    {
        options.ApiKey = MiladyCloudFakeServer.ApiKey;
        options.BaseUrl = _fake.BaseUrl;
    }

    [Test]
    public async Task AddRedisRateLimits_makes_the_registrations_tracker_the_fleets()
    {
        var services = new ServiceCollection();
        // A generous timeout: on a busy machine the first script load may take longer than the default 250 ms.
        services.AddMiladyCloud(Configure).AddRedisRateLimits(_redis, o => o.CommandTimeout = TimeSpan.FromSeconds(5));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<MiladyCloudClient>();
        await client.User.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(client.RateLimits, Is.InstanceOf<RedisRateLimitTracker>());
            Assert.That(provider.GetRequiredService<MiladyCloudClient>().RateLimits, Is.SameAs(client.RateLimits), "one per registration");
            Assert.That(provider.GetServices<RateLimitTracker>().Count(), Is.EqualTo(1));
            Assert.That(_redis.GetServers()[0].Keys(pattern: "miladycloud:rl:*").Any(), Is.True);
        });
    }

    [Test]
    public async Task A_keyed_registration_gets_its_own_fleet_tracker_and_the_multiplexer_may_come_from_the_container()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(_redis);
        services.AddMiladyCloud(Configure);
        services.AddMiladyCloud("second", Configure).AddRedisRateLimits(options => options.KeyPrefix = "second");
        await using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredKeyedService<MiladyCloudClient>("second").RateLimits, Is.InstanceOf<RedisRateLimitTracker>());
            Assert.That(provider.GetRequiredService<MiladyCloudClient>().RateLimits, Is.Not.InstanceOf<RedisRateLimitTracker>(), "the default registration is untouched");
        });
    }

    [Test]
    public async Task UseRedisRateLimits_sets_the_options_tracker_without_dependency_injection()
    {
        using var client = new MiladyCloudClient(_fake.CreateOptions().UseRedisRateLimits(_redis));

        await client.User.GetAsync();

        Assert.That(client.RateLimits, Is.InstanceOf<RedisRateLimitTracker>());
    }

    [Test]
    public void Without_an_api_key_there_is_no_budget_to_share()
    {
        var options = new MiladyCloudClientOptions();
        using var _ = new EnvironmentScope("MILADY_CLOUD_API_KEY", "ELIZAOS_CLOUD_API_KEY");

        Assert.That(() => options.UseRedisRateLimits(_redis), Throws.InvalidOperationException.With.Message.Contains("ApiKey"));
    }

    [Test]
    public void Settings_out_of_range_are_refused_when_registering()
    {
        var services = new ServiceCollection();

        Assert.That(() => services.AddMiladyCloud(Configure).AddRedisRateLimits(_redis, o => o.CommandTimeout = TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("CommandTimeout"));
    }

    /// <summary>Clears environment variables for one test and restores them after.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved;

        public EnvironmentScope(params string[] names)
        {
            _saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
