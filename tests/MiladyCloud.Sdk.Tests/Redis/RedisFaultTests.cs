using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Redis;
using MiladyCloud.Sdk.Testing;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>
/// Redis absent at start, killed mid-run, frozen (SIGSTOP) longer than its timeout: every call still completes (or fails
/// with the SDK's usual exceptions), none hangs, one warning is logged per outage and a metric counts the calls decided
/// without Redis; when Redis is back the fleet's state is used again without anything being restarted.
/// </summary>
[NonParallelizable]
public class RedisFaultTests
{
    /// <summary>Generous: a call that takes this long has hung.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMilliseconds(200);

    private MiladyCloudFakeServer _fake = null!;
    private FakeLogCollector _logs = null!;
    private MetricCollector<long> _fallbacks = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        _logs = new FakeLogCollector();
        _fallbacks = new MetricCollector<long>(null, MiladyCloudTelemetry.Name, "miladycloud.client.rate_limit.fleet.fallbacks");
    }

    [TearDown]
    public void TearDown()
    {
        _fallbacks.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task Redis_absent_at_start_the_calls_go_on_and_the_fleet_joins_when_it_comes()
    {
        var port = RedisServer.FreePort();
        using var absent = RedisServer.Start(port);
        absent.Kill();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(absent.Configuration(TimeSpan.FromMilliseconds(500)));
        using var client = Client(redis);

        await CallAsync(client, 10);
        Assert.Multiple(() =>
        {
            Assert.That(Warnings(), Has.Count.EqualTo(1), "one warning for the outage, not one per call");
            Assert.That(_fallbacks.GetMeasurementSnapshot().Sum(m => m.Value), Is.GreaterThanOrEqualTo(10));
        });

        absent.Restart();
        await CallUntilTheFleetAnswersAsync(client, redis);
        Assert.That(_logs.GetSnapshot().Any(r => r.Level == LogLevel.Information && r.Message.Contains("answers again", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Redis_killed_mid_run_the_calls_go_on_and_it_reconnects_by_itself()
    {
        using var server = RedisServer.Start();
        await using var redis = await server.ConnectAsync();
        using var client = Client(redis);
        await CallAsync(client, 5);
        Assert.That(Keys(redis), Is.Not.Empty, "the fleet's state is in Redis");

        var before = Warnings().Count;
        var fallbacksBefore = Fallbacks();
        server.Kill();
        await CallAsync(client, 10);
        Assert.Multiple(() =>
        {
            // At most one: a busy machine may already have timed out a call before the kill, and the outage goes on.
            Assert.That(Warnings().Count - before, Is.AtMost(1), "one warning for the outage, not one per call");
            Assert.That(Warnings(), Is.Not.Empty);
            Assert.That(Fallbacks() - fallbacksBefore, Is.GreaterThanOrEqualTo(10), "every call decided without Redis is counted");
        });

        var recoveries = Recoveries();
        server.Restart();
        await CallUntilTheFleetAnswersAsync(client, redis);
        Assert.That(Recoveries(), Is.GreaterThan(recoveries), "the return of Redis is logged once it answers again");
    }

    [Test]
    public async Task Redis_frozen_longer_than_its_timeout_costs_one_timeout_and_hangs_nothing()
    {
        using var server = RedisServer.Start();
        await using var redis = await server.ConnectAsync();
        using var client = Client(redis);
        await CallAsync(client, 3);

        var before = Warnings().Count;
        server.Pause();
        var slowest = await CallAsync(client, 10);
        Assert.Multiple(() =>
        {
            Assert.That(slowest, Is.LessThan(CommandTimeout + TimeSpan.FromSeconds(3)), "a frozen Redis costs at most its timeout");
            Assert.That(Warnings().Count - before, Is.AtMost(1), "one warning for the outage, not one per call");
            Assert.That(Warnings(), Is.Not.Empty);
            Assert.That(_fallbacks.GetMeasurementSnapshot().Select(m => m.Tags["miladycloud.rate_limit.reason"]), Does.Contain("timeout"));
        });

        server.Resume();
        await CallUntilTheFleetAnswersAsync(client, redis);
    }

    private MiladyCloudClient Client(IConnectionMultiplexer redis)
    {
        var logger = new FakeLogger<RedisRateLimitTracker>(_logs);
        var tracker = new RedisRateLimitTracker(redis, MiladyCloudFakeServer.ApiKey, new RedisRateLimitOptions { CommandTimeout = CommandTimeout, RetryInterval = TimeSpan.FromMilliseconds(300) }, logger);
        return _fake.CreateClient(options => options.RateLimits = tracker);
    }

    /// <summary>Makes calls to a limited route one by one; each must succeed (or fail as the SDK fails) well before <see cref="Hung"/>.</summary>
    private static async Task<TimeSpan> CallAsync(MiladyCloudClient client, int calls)
    {
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < calls; i++)
        {
            using var bound = new CancellationTokenSource(Hung);
            var watch = Stopwatch.StartNew();
            try
            {
                await client.User.GetAsync(bound.Token);
            }
            catch (MiladyCloudException)
            {
                // The SDK's usual failures are allowed; anything else (a Redis exception, a hang) fails the test.
            }

            Assert.That(bound.IsCancellationRequested, Is.False, "a call hung");
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
        }

        return slowest;
    }

    /// <summary>Calls until the fleet's state in Redis takes the calls again (the multiplexer reconnects by itself).</summary>
    private async Task CallUntilTheFleetAnswersAsync(MiladyCloudClient client, IConnectionMultiplexer redis)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await CallAsync(client, 1);
            if (redis.IsConnected && Keys(redis).Count > 0 && _logs.GetSnapshot().Any(r => r.Level == LogLevel.Information))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the fleet's state in Redis was not used again within 30 s of Redis coming back");
    }

    private static List<string> Keys(IConnectionMultiplexer redis)
        => redis.GetServers()[0].Keys(pattern: "miladycloud:rl:*").Select(k => (string)k!).ToList();

    private long Fallbacks() => _fallbacks.GetMeasurementSnapshot().Sum(m => m.Value);

    private int Recoveries() => _logs.GetSnapshot().Count(r => r.Level == LogLevel.Information && r.Message.Contains("answers again", StringComparison.Ordinal));

    private List<FakeLogRecord> Warnings() => _logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
}
