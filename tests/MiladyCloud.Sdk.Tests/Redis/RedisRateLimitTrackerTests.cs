using System.Net;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Redis;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>
/// Several trackers of one key on a real Redis act as one client: one budget, one set of holds, one latest report,
/// with nothing in Redis that names the key and nothing that does not expire. Time is a fake clock.
/// </summary>
[NonParallelizable]
public class RedisRateLimitTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitRoute User = RateLimitRoute.For(HttpMethod.Get, "/api/v1/user");
    private static readonly RateLimitRoute Messages = RateLimitRoute.For(HttpMethod.Post, "/api/v1/messages");
    private static readonly RateLimitRoute Chat = RateLimitRoute.For(HttpMethod.Post, "/api/v1/chat/completions");
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private FakeTimeProvider _clock = null!;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _server = RedisServer.Start();
        _redis = await _server.ConnectAsync();
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        await _redis.DisposeAsync();
        _server.Dispose();
    }

    [SetUp]
    public async Task Clear()
    {
        _clock = new FakeTimeProvider(Start);
        await _redis.GetServers()[0].FlushDatabaseAsync();
    }

    private RedisRateLimitTracker Tracker(string apiKey = MiladyCloud.Sdk.Testing.MiladyCloudFakeServer.ApiKey)
        => new(_redis, apiKey, new RedisRateLimitOptions { SafetyMargin = Margin, CommandTimeout = TimeSpan.FromSeconds(5) });

    private DateTimeOffset Now => _clock.GetUtcNow();

    private static async Task<int> AcquireAllowedAsync(RateLimitTracker tracker, RateLimitRoute route, int calls, DateTimeOffset now)
    {
        var allowed = 0;
        for (var i = 0; i < calls; i++)
        {
            allowed += await tracker.AcquireAsync(route, now) == TimeSpan.Zero ? 1 : 0;
        }

        return allowed;
    }

    private RateLimitReport Report(HttpStatusCode status, int limit, int remaining, TimeSpan resetIn, TimeSpan? retryAfter = null, string policy = "redis") => new()
    {
        SentAt = Now,
        ReceivedAt = Now,
        StatusCode = status,
        Info = new RateLimitInfo { Limit = limit, Remaining = remaining, Reset = Now + resetIn, Policy = policy },
        RetryAfter = retryAfter,
    };

    [Test]
    public async Task Two_trackers_of_one_key_share_one_budget()
    {
        var (first, second) = (Tracker(), Tracker());

        var allowedFirst = await AcquireAllowedAsync(first, User, 40, Now);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var allowedSecond = await AcquireAllowedAsync(second, User, 20, Now);
        var wait = await second.AcquireAsync(User, Now);

        Assert.Multiple(() =>
        {
            Assert.That(allowedFirst + allowedSecond, Is.EqualTo(60), "STANDARD allows 60 calls of the key, whoever makes them");
            Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(59) + Margin + TimeSpan.FromMilliseconds(1)), "until the first call ages out, plus the margin");
        });
        Assert.That(await first.AcquireAsync(Messages, Now), Is.EqualTo(TimeSpan.Zero), "a RELAXED route still has 140 left");
    }

    [Test]
    public async Task Different_keys_have_their_own_budgets()
    {
        await AcquireAllowedAsync(Tracker("eliza_one"), User, 60, Now);

        Assert.That(await Tracker("eliza_two").AcquireAsync(User, Now), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task Redis_holds_neither_the_api_key_nor_anything_that_does_not_expire()
    {
        var tracker = Tracker();
        await tracker.AcquireAsync(User, Now);
        await tracker.RecordAsync(User, Report(HttpStatusCode.OK, 60, 59, TimeSpan.FromMinutes(1)));
        await tracker.RecordAsync(Chat, Report(HttpStatusCode.TooManyRequests, 200, 150, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20)));
        await tracker.RecordAsync(User, Report(HttpStatusCode.TooManyRequests, 60, 0, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(60)));

        var db = _redis.GetDatabase();
        var keys = _redis.GetServers()[0].Keys(pattern: "*").Select(k => (string)k!).ToList();
        var secret = MiladyCloud.Sdk.Testing.MiladyCloudFakeServer.ApiKey;
        Assert.That(keys, Has.Count.GreaterThanOrEqualTo(6));
        foreach (var key in keys)
        {
            // Counts and times of the key's calls, the server's latest report, holds by preset or route template.
            Assert.That(key, Does.Match(@"^miladycloud:rl:\{[0-9a-f]{32}\}:(log|calls|window|state|hold:preset:[A-Z]+|hold:route:(tier:[a-z]+|[A-Z]+ /[A-Za-z0-9/{}_.-]+))$"));
            Assert.That(key, Does.Not.Contain(secret[6..18]), "no part of the API key in a key name");
            Assert.That(await db.KeyTimeToLiveAsync(key), Is.Not.Null.And.GreaterThan(TimeSpan.Zero), key + " must expire");
            var dump = (await db.KeyDumpAsync(key))!;
            Assert.That(System.Text.Encoding.ASCII.GetString(dump), Does.Not.Contain(secret[6..18]), "no part of the API key in a value");
        }
    }

    [Test]
    public async Task A_route_without_a_preset_never_reaches_Redis()
    {
        var tracker = Tracker();
        var container = RateLimitRoute.For(HttpMethod.Get, "/api/v1/containers/3f1c2a9e-7d41-4b8a-9c55-0e2d6b7a8f10");
        Assume.That(container.Preset, Is.Null, "GET /containers/{id} is not limited by the server");
        var before = await DataCommandsAsync();

        for (var i = 0; i < 20; i++)
        {
            Assert.That(await tracker.AcquireAsync(container, Now), Is.EqualTo(TimeSpan.Zero));
            await tracker.RecordAsync(container, new RateLimitReport { SentAt = Now, ReceivedAt = Now, StatusCode = HttpStatusCode.OK });
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await DataCommandsAsync(), Is.EqualTo(before), "no script or data command for an unlimited route");
            Assert.That(_redis.GetServers()[0].Keys(pattern: "*"), Is.Empty);
        });
    }

    /// <summary>Commands Redis has run that read or write data (the multiplexer's own pings and info calls left out).</summary>
    private async Task<long> DataCommandsAsync()
    {
        var stats = await _redis.GetServers()[0].InfoAsync("commandstats");
        string[] housekeeping = ["ping", "info", "echo", "client", "config", "cluster", "subscribe", "select", "hello", "sentinel", "script", "flushdb", "keys", "scan"];
        return stats.SelectMany(group => group)
            .Where(stat => !housekeeping.Any(name => stat.Key.StartsWith("cmdstat_" + name, StringComparison.Ordinal)))
            .Sum(stat => long.Parse(stat.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task A_429_from_the_counter_makes_every_replica_wait_for_the_reset()
    {
        var (refused, other) = (Tracker(), Tracker());

        await refused.RecordAsync(User, Report(HttpStatusCode.TooManyRequests, 60, 0, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)));

        Assert.Multiple(async () =>
        {
            // The hold says 60 s; the 61 calls the server counted, placed at the refused call, age out a margin later.
            Assert.That(await other.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.FromSeconds(60) + Margin + TimeSpan.FromMilliseconds(1)), "the whole fleet waits for the reset");
            Assert.That(await other.AcquireAsync(Messages, Now), Is.EqualTo(TimeSpan.Zero), "a RELAXED route is not used up by 61 calls");
        });
    }

    [Test]
    public async Task A_429_from_the_organization_tier_holds_that_tier_on_every_replica()
    {
        var (refused, other) = (Tracker(), Tracker());

        await refused.RecordAsync(Chat, Report(HttpStatusCode.TooManyRequests, 200, 150, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20)));

        Assert.Multiple(async () =>
        {
            Assert.That(await other.AcquireAsync(Chat, Now), Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(await other.AcquireAsync(Messages, Now), Is.EqualTo(TimeSpan.Zero), "messages is not in the completions tier");
        });
    }

    [Test]
    public async Task Calls_an_answer_reveals_count_for_the_whole_fleet()
    {
        var (answered, other) = (Tracker(), Tracker());
        await answered.AcquireAsync(User, Now);

        // The server counted 50 calls of the key: 49 of them made by processes outside the fleet.
        await answered.RecordAsync(User, Report(HttpStatusCode.OK, 60, 10, TimeSpan.FromMinutes(1)));

        Assert.That(await AcquireAllowedAsync(other, User, 11, Now), Is.EqualTo(10));
    }

    [Test]
    public async Task The_fixed_window_the_server_reports_holds_every_replica_until_its_reset()
    {
        var (answered, other) = (Tracker(), Tracker());
        await answered.AcquireAsync(User, Now);

        await answered.RecordAsync(User, Report(HttpStatusCode.OK, 60, 0, TimeSpan.FromSeconds(42), policy: "in-memory"));

        Assert.That(await other.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.FromSeconds(42) + Margin + TimeSpan.FromMilliseconds(1)));
        _clock.Advance(TimeSpan.FromSeconds(42) + Margin + TimeSpan.FromMilliseconds(1));
        Assert.That(await other.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.Zero), "a new window");
    }

    [Test]
    public async Task Latest_is_the_newest_report_of_the_fleet()
    {
        var (answered, other) = (Tracker(), Tracker());
        var report = Report(HttpStatusCode.OK, 60, 17, TimeSpan.FromSeconds(30));

        await answered.RecordAsync(User, report);
        await other.GetWaitAsync(User, Now);

        Assert.That(other.Latest, Is.EqualTo(report.Info));
    }

    [Test]
    public async Task A_window_learned_from_the_reset_paces_the_tracker_that_learned_it()
    {
        var tracker = Tracker();
        await AcquireAllowedAsync(tracker, User, 60, Now);

        // A deployment whose windows are three seconds: the reset says so.
        await tracker.RecordAsync(User, Report(HttpStatusCode.OK, 60, 0, TimeSpan.FromSeconds(3)));

        Assert.That(await tracker.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.FromSeconds(3) + Margin + TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task The_spread_of_travel_times_the_answers_reveal_widens_the_margin()
    {
        var (first, second) = (Tracker(), Tracker());
        await AcquireAllowedAsync(first, User, 60, Now);

        // The server counted one call as it was sent and another 400 ms after (a cold connection, say): a call that
        // travels fast must not overtake the ageing out of one that travelled slowly.
        await first.RecordAsync(User, Report(HttpStatusCode.OK, 60, 0, TimeSpan.FromSeconds(60)));
        await second.RecordAsync(User, Report(HttpStatusCode.OK, 60, 0, TimeSpan.FromSeconds(60.4)));

        Assert.That(await first.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.FromSeconds(60.4) + Margin + TimeSpan.FromMilliseconds(1)));
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.That(await first.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.Zero), "the spread is forgotten a window after it was seen");
    }

    [Test]
    public async Task The_spread_is_measured_too_when_the_deployment_scales_the_window()
    {
        // A deployment whose windows are a fifth of the presets' (the fake's RateLimitWindowScale, a development server):
        // each tracker learns the 12 s window from a reset, and the cold first call that arrived 400 ms late still counts.
        var (first, second) = (Tracker(), Tracker());
        await first.RecordAsync(User, Report(HttpStatusCode.OK, 60, 59, TimeSpan.FromSeconds(12.4)));
        await second.RecordAsync(User, Report(HttpStatusCode.OK, 60, 58, TimeSpan.FromSeconds(12)));
        await AcquireAllowedAsync(first, User, 60, Now);

        Assert.That(await second.AcquireAsync(User, Now), Is.EqualTo(TimeSpan.FromSeconds(12.4) + Margin + TimeSpan.FromMilliseconds(1)),
            "the learned 12 s window, the margin and the 400 ms spread of travel times");
    }

    [Test]
    public async Task A_wait_the_fleet_imposes_is_counted_in_the_sdks_meter()
    {
        using var holds = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(null, MiladyCloudTelemetry.Name, "miladycloud.client.rate_limit.fleet.holds");
        using var durations = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(null, MiladyCloudTelemetry.Name, "miladycloud.client.rate_limit.fleet.hold.duration");
        var (first, second) = (Tracker(), Tracker());
        await AcquireAllowedAsync(first, User, 60, Now);

        var wait = await second.AcquireAsync(User, Now);

        var hold = holds.GetMeasurementSnapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(hold.Tags["miladycloud.rate_limit.preset"], Is.EqualTo("STANDARD"));
            Assert.That(hold.Tags["miladycloud.rate_limit.reason"], Is.EqualTo("counter"));
            Assert.That(durations.GetMeasurementSnapshot().Single().Value, Is.EqualTo(wait.TotalSeconds));
        });
    }
}
