using MiladyCloud.Sdk.Internal.RateLimiting;

namespace MiladyCloud.Sdk.Tests.RateLimiting;

/// <summary>The rate-limit model's log of call times: ordered, trimmed from the front, capped to the newest entries.</summary>
public class CallLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int milliseconds) => Start.AddMilliseconds(milliseconds);

    [Test]
    public void Calls_added_out_of_order_are_kept_in_order()
    {
        var log = new CallLog(100);
        log.Add(At(30));
        log.Add(At(10));
        log.Add(At(20), copies: 2);

        Assert.That(Enumerable.Range(0, log.Count).Select(i => log[i]), Is.EqualTo(new[] { At(10), At(20), At(20), At(30) }));
    }

    [Test]
    public void Counts_and_drops_go_by_strictly_later_entries()
    {
        var log = new CallLog(100);
        foreach (var ms in new[] { 10, 20, 20, 30, 40 })
        {
            log.Add(At(ms));
        }

        Assert.Multiple(() =>
        {
            Assert.That(log.CountAfter(At(20)), Is.EqualTo(2));
            Assert.That(log.CountBetween(At(10), At(30)), Is.EqualTo(3));
            Assert.That(log.CountBetween(At(40), At(10)), Is.Zero, "an empty range");
        });

        log.DropUntil(At(20));
        Assert.That(Enumerable.Range(0, log.Count).Select(i => log[i]), Is.EqualTo(new[] { At(30), At(40) }));
    }

    [Test]
    public void Removing_the_oldest_after_a_time_keeps_the_rest()
    {
        var log = new CallLog(100);
        foreach (var ms in new[] { 10, 20, 30, 40 })
        {
            log.Add(At(ms));
        }

        log.RemoveOldestAfter(At(10), 2);

        Assert.That(Enumerable.Range(0, log.Count).Select(i => log[i]), Is.EqualTo(new[] { At(10), At(40) }));
    }

    [Test]
    public void Beyond_its_capacity_the_log_keeps_the_newest_entries()
    {
        var log = new CallLog(8);
        for (var i = 0; i < 10_000; i++)
        {
            log.Add(At(i));
        }

        Assert.That(Enumerable.Range(0, log.Count).Select(i => log[i]), Is.EqualTo(Enumerable.Range(9_992, 8).Select(At)));
    }

    [Test]
    public void A_client_counting_a_hundred_thousand_calls_a_window_still_answers_from_the_newest()
    {
        // A loop that counts without holding (HoldWhenRateLimitExhausted off, or a benchmark): 1 call per millisecond for
        // 100 s. The wait is decided by the 200th newest call of the RELAXED window alone, as the server decides it.
        var tracker = new RateLimitTracker();
        var route = RateLimitRoute.For(HttpMethod.Post, "/api/v1/chat/completions");
        var now = Start;
        for (var i = 0; i < 100_000; i++)
        {
            now = Start.AddMilliseconds(i);
            tracker.CountAsync(route, now).AsTask().Wait();
        }

        Assert.Multiple(() =>
        {
            Assert.That(tracker.GetWaitAsync(route, now).AsTask().Result, Is.EqualTo(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(199) + TimeSpan.FromMilliseconds(1)));
            Assert.That(tracker.EstimateRemaining(RateLimitPreset.Relaxed, now), Is.Zero);
        });
    }
}
