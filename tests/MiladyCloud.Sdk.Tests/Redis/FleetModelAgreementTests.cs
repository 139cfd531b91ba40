using CsCheck;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Redis;
using MiladyCloud.Sdk.Testing.Internal;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>
/// The fleet's replica in Redis against the server's rules (the fake's <see cref="ServerRateLimiter"/>), as
/// <c>ServerModelAgreementTests</c> checks the local one: three trackers of one key taking turns act as one client, and
/// for any sequence of calls to any routes at any pace they allow exactly what the server allows (with no safety margin,
/// so a wait is exactly the server's; the margin only adds to it).
/// </summary>
[NonParallelizable]
public class FleetModelAgreementTests
{
    private static readonly RateLimitRoute[] Routes =
    [
        RateLimitRoute.For(HttpMethod.Get, "/api/v1/user"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/containers"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/api-keys/0b8e2a3c-5d1f-4c9e-9f2a-7e6d5c4b3a21/regenerate"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/messages"),
    ];

    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;

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

    [TestCase("redis")]
    [TestCase("in-memory")]
    public void Three_replicas_taking_turns_allow_exactly_what_the_server_allows(string policy)
    {
        var calls = Gen.Select(Gen.Int[0, Routes.Length - 1], Gen.Int[0, 40_000]).Array[1, 120];
        calls.Sample(
            sequence => Agrees(policy, sequence),
            iter: 40,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    private bool Agrees(string policy, (int Route, int GapMs)[] sequence)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        var server = new ServerRateLimiter(clock) { Policy = policy };
        // A key of its own per sequence: the runs never see each other's state.
        var apiKey = "eliza_" + Guid.NewGuid().ToString("N");
        var fleet = Enumerable.Range(0, 3).Select(_ => new RedisRateLimitTracker(_redis, apiKey, new RedisRateLimitOptions { SafetyMargin = TimeSpan.Zero, CommandTimeout = TimeSpan.FromSeconds(5) })).ToArray();
        var turn = 0;
        foreach (var (index, gap) in sequence)
        {
            clock.Advance(TimeSpan.FromMilliseconds(gap));
            var route = Routes[index];
            var tracker = fleet[turn++ % fleet.Length];
            var wait = tracker.AcquireAsync(route, clock.GetUtcNow()).AsTask().Result;
            if (wait > TimeSpan.Zero)
            {
                if (server.WouldAllow("apikey:k", route.Preset!))
                {
                    return false;
                }

                clock.Advance(wait);
                if (tracker.AcquireAsync(route, clock.GetUtcNow()).AsTask().Result != TimeSpan.Zero)
                {
                    return false;
                }
            }

            var sentAt = clock.GetUtcNow();
            var decision = server.Check("apikey:k", route.Preset!);
            tracker.RecordAsync(route, Report(decision, sentAt, clock)).AsTask().Wait();
            if (!decision.Allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static RateLimitReport Report(ServerRateLimiter.Decision decision, DateTimeOffset sentAt, TimeProvider clock) => new()
    {
        SentAt = sentAt,
        ReceivedAt = clock.GetUtcNow(),
        StatusCode = decision.Allowed ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.TooManyRequests,
        Info = new RateLimitInfo { Limit = decision.Limit, Remaining = decision.Remaining, Reset = decision.ResetAt, Policy = decision.Policy },
        RetryAfter = decision.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };
}
