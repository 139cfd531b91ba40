using System.Net;
using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.RateLimiting;

/// <summary>
/// The server's one counter per key: calls to any limited route use up a CRITICAL route (5 per 300 s), which the server
/// then refuses with a real 429, while the SDK, pacing by the same model, does not even send it.
/// </summary>
public sealed class RateLimitLiveTests(TestMode mode) : LiveTestBase(mode)
{
    private static readonly CreateContainerRequest Container = new()
    {
        Name = "rate-limit-probe",
        ProjectName = "rate-limit-probe",
        EcrImageUri = "000000000000.dkr.ecr.us-east-1.amazonaws.com/rate-limit-probe:1",
    };

    [Test]
    public async Task Five_calls_to_any_limited_route_make_a_critical_route_answer_429()
    {
        var unpaced = CreateClient(o =>
        {
            o.HoldWhenRateLimitExhausted = false;
            o.MaxRetries = 0;
            o.RateLimits = new RateLimitTracker();
        });
        await UseUpFiveCallsAsync(unpaced);

        var refused = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => unpaced.Containers.CreateAsync(Container));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused.RequestNeverSent, Is.False);
            Assert.That(refused.RateLimit!.Limit, Is.EqualTo(5), "the route's own preset");
            Assert.That(refused.RateLimit.Remaining, Is.Zero);
            Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(refused.ServerCode, Is.EqualTo("rate_limit_exceeded"));
        });
    }

    [Test]
    public async Task The_SDK_does_not_send_what_the_server_would_refuse_but_still_sends_unlimited_routes()
    {
        var paced = CreateClient(o =>
        {
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            o.RateLimits = new RateLimitTracker();
        });
        await UseUpFiveCallsAsync(paced);
        var sent = RequestsSent;

        var refused = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => paced.Containers.CreateAsync(Container));
        var afterRefusal = RequestsSent;
        var containers = await paced.Containers.ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused!.RequestNeverSent, Is.True);
            Assert.That(afterRefusal, Is.EqualTo(sent), "the refused call never left the client");
            Assert.That(RequestsSent, Is.EqualTo(sent + 1), "GET /containers has no limit and goes out");
            Assert.That(containers, Is.Not.Null);
        });
    }

    /// <summary>Calls GET /user (STANDARD) until the key's counter holds at least five calls.</summary>
    private static async Task UseUpFiveCallsAsync(MiladyCloudClient client)
    {
        for (var i = 0; i < 6; i++)
        {
            await client.User.GetAsync();
            if (client.RateLimits.Latest is { Limit: { } limit, Remaining: { } remaining } && limit - remaining >= 5)
            {
                return;
            }
        }
    }
}
