using System.Net;

namespace MiladyCloud.Sdk.Tests.RateLimiting;

/// <summary>
/// With the <c>redis</c> policy the server's reset is its clock at the call plus the route's window, so the tracker
/// learns a deployment's own windows from it, as it adopts a reported limit; a clock a few seconds off changes nothing.
/// </summary>
public class ReportedWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitRoute User = RateLimitRoute.For(HttpMethod.Get, "/api/v1/user");

    private static async Task<RateLimitTracker> ExhaustedAsync(TimeSpan resetIn, string policy)
    {
        var tracker = new RateLimitTracker();
        for (var i = 0; i < 60; i++)
        {
            await tracker.AcquireAsync(User, Start);
        }

        await tracker.RecordAsync(User, new RateLimitReport
        {
            SentAt = Start,
            ReceivedAt = Start,
            StatusCode = HttpStatusCode.OK,
            Info = new RateLimitInfo { Limit = 60, Remaining = 0, Reset = Start + resetIn, Policy = policy },
        });
        return tracker;
    }

    [Test]
    public async Task A_shorter_window_the_reset_reveals_paces_the_route()
    {
        var tracker = await ExhaustedAsync(TimeSpan.FromSeconds(3), "redis");

        Assert.That(await tracker.GetWaitAsync(User, Start), Is.EqualTo(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task The_other_routes_of_the_preset_follow_at_once_and_the_other_presets_do_not()
    {
        var tracker = await ExhaustedAsync(TimeSpan.FromSeconds(3), "redis");

        Assert.Multiple(async () =>
        {
            Assert.That(await tracker.GetWaitAsync(RateLimitRoute.For(HttpMethod.Get, "/api/v1/knowledge"), Start), Is.EqualTo(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(1)), "STANDARD too");
            Assert.That(await tracker.GetWaitAsync(RateLimitRoute.For(HttpMethod.Post, "/api/v1/containers"), Start), Is.EqualTo(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1)), "CRITICAL keeps its own until it reports");
        });
    }

    [TestCase(58)]
    [TestCase(62)]
    public async Task A_server_clock_a_few_seconds_off_keeps_the_presets_window(int resetInSeconds)
    {
        var tracker = await ExhaustedAsync(TimeSpan.FromSeconds(resetInSeconds), "redis");

        Assert.That(await tracker.GetWaitAsync(User, Start), Is.EqualTo(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task A_fixed_windows_reset_says_nothing_about_the_window_length()
    {
        var tracker = await ExhaustedAsync(TimeSpan.FromSeconds(3), "in-memory");
        var next = Start + TimeSpan.FromSeconds(4);
        for (var i = 0; i < 60; i++)
        {
            Assert.That(await tracker.AcquireAsync(User, next), Is.EqualTo(TimeSpan.Zero), "the window ended at the reported reset");
        }

        Assert.That(await tracker.GetWaitAsync(User, next), Is.EqualTo(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)), "the next window is the preset's length");
    }
}
