using CsCheck;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Testing.Internal;

namespace MiladyCloud.Sdk.Tests.RateLimiting;

/// <summary>
/// The SDK's replica of the server's counter (<see cref="RateLimitTracker"/>) against the server's rules (the fake's
/// <see cref="ServerRateLimiter"/>, written from the server's code): for any sequence of calls one client makes to any
/// routes at any pace, the replica allows exactly the calls the server allows, and says how long until a refused one
/// would pass.
/// </summary>
public class ServerModelAgreementTests
{
    private static readonly RateLimitRoute[] Routes =
    [
        RateLimitRoute.For(HttpMethod.Get, "/api/v1/user"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/containers"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/api-keys/0b8e2a3c-5d1f-4c9e-9f2a-7e6d5c4b3a21/regenerate"),
        RateLimitRoute.For(HttpMethod.Post, "/api/v1/messages"),
    ];

    [TestCase("redis")]
    [TestCase("in-memory")]
    public void The_replica_allows_exactly_what_the_server_allows(string policy)
    {
        var calls = Gen.Select(Gen.Int[0, Routes.Length - 1], Gen.Int[0, 40_000]).Array[1, 120];
        calls.Sample(
            sequence => Agrees(policy, sequence),
            iter: 200,
            seed: "0N0XIzNsQ0O2");
    }

    /// <summary>Plays the calls: each one the replica allows is sent (the server must allow it), each one it holds is
    /// checked to be refused by the server at that moment, and then sent once the replica's wait has passed.</summary>
    private static bool Agrees(string policy, (int Route, int GapMs)[] sequence)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        var server = new ServerRateLimiter(clock) { Policy = policy };
        var tracker = new RateLimitTracker();
        foreach (var (index, gap) in sequence)
        {
            clock.Advance(TimeSpan.FromMilliseconds(gap));
            var route = Routes[index];
            var wait = tracker.AcquireAsync(route, clock.GetUtcNow()).AsTask().Result;
            if (wait > TimeSpan.Zero)
            {
                // The replica says no: the server must say no too, and yes once the wait is over.
                if (WouldAllow(server, route))
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

    /// <summary>Whether the server would allow the call now, asked of a copy so the real log is not touched.</summary>
    private static bool WouldAllow(ServerRateLimiter server, RateLimitRoute route) => server.WouldAllow("apikey:k", route.Preset!);

    private static RateLimitReport Report(ServerRateLimiter.Decision decision, DateTimeOffset sentAt, TimeProvider clock)
    {
        var headers = new Dictionary<string, string>();
        decision.WriteHeaders(headers);
        return new RateLimitReport
        {
            SentAt = sentAt,
            ReceivedAt = clock.GetUtcNow(),
            StatusCode = decision.Allowed ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.TooManyRequests,
            Info = new RateLimitInfo { Limit = decision.Limit, Remaining = decision.Remaining, Reset = decision.ResetAt, Policy = decision.Policy },
            RetryAfter = decision.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }
}
