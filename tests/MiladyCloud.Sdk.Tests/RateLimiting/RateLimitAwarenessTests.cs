using System.Threading.RateLimiting;
using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.RateLimiting;

/// <summary>Snapshots of X-RateLimit-*, holding while a window is exhausted, and client-side limiters.</summary>
public class RateLimitAwarenessTests
{
    private const string ModelList = """{"object":"list","data":[]}""";

    [Test]
    public async Task Every_response_updates_the_snapshot_of_its_category()
    {
        using var api = new ScriptedServer().Then(200, ModelList, ("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "199"),
            ("X-RateLimit-Reset", "2026-01-15T12:01:00.000Z"), ("X-RateLimit-Policy", "in-memory"));

        await api.Client.Models.ListAsync();

        Assert.That(api.Client.RateLimits.Get(RateLimitCategory.Other), Is.EqualTo(new RateLimitInfo
        {
            Limit = 200,
            Remaining = 199,
            Reset = new DateTimeOffset(2026, 1, 15, 12, 1, 0, TimeSpan.Zero),
            Policy = "in-memory",
        }));
        Assert.That(api.Client.RateLimits.Get(RateLimitCategory.Chat), Is.Null);
    }

    [Test]
    public async Task After_the_server_reports_an_exhausted_window_the_next_request_waits_for_its_reset()
    {
        using var api = new ScriptedServer()
            .Then(200, ModelList, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2026-01-15T12:00:20.000Z"))
            .Then(200, ModelList, ("X-RateLimit-Remaining", "59"), ("X-RateLimit-Reset", "2026-01-15T12:01:20.000Z"));
        await api.Client.Models.ListAsync();

        var held = api.Client.Models.ListAsync();
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(1), "the request must wait, not be sent to be rejected");
        api.Clock.Advance(TimeSpan.FromSeconds(20));
        await held;

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_hold_longer_than_the_cap_fails_at_once_without_sending()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10))
            .Then(200, ModelList, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2026-01-15T12:01:00.000Z"));
        await api.Client.Models.ListAsync();

        var ex = Assert.ThrowsAsync<RateLimitedException>(() => api.Client.Models.ListAsync());

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task The_hold_can_be_switched_off()
    {
        using var api = new ScriptedServer(o => o.HoldWhenRateLimitExhausted = false)
            .Then(200, ModelList, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2026-01-15T12:00:20.000Z"))
            .Then(200, ModelList);
        await api.Client.Models.ListAsync();

        await api.Client.Models.ListAsync();

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_hold_is_cancellable()
    {
        using var api = new ScriptedServer().Then(200, ModelList, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2026-01-15T12:00:20.000Z"));
        await api.Client.Models.ListAsync();
        using var cancellation = new CancellationTokenSource();

        var held = api.Client.Models.ListAsync(cancellation.Token);
        await cancellation.CancelAsync();

        Assert.That(async () => await held, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_plugged_in_limiter_gates_its_category()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        using var api = new ScriptedServer(o => o.RateLimiters[RateLimitCategory.Other] = limiter).Then(200, ModelList);
        var elsewhere = await limiter.AcquireAsync();

        var queued = api.Client.Models.ListAsync();
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.Zero, "the only permit is taken elsewhere: the call waits in the limiter's queue");
        elsewhere.Dispose();
        await queued;

        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_limiter_that_refuses_raises_RateLimited_without_sending()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
        using var held = await limiter.AcquireAsync();
        using var api = new ScriptedServer(o => o.RateLimiters[RateLimitCategory.Other] = limiter).Then(200, ModelList);

        Assert.ThrowsAsync<RateLimitedException>(() => api.Client.Models.ListAsync());
        Assert.That(api.RequestCount, Is.Zero);
    }

    [Test]
    public void The_documented_limits_can_be_switched_on_in_one_call()
    {
        var options = new MiladyCloudClientOptions().UseDocumentedRateLimits();

        Assert.That(options.RateLimiters.Keys, Is.EquivalentTo(new[] { RateLimitCategory.Chat, RateLimitCategory.Embeddings, RateLimitCategory.Images, RateLimitCategory.Video }));
        var video = (SlidingWindowRateLimiter)options.RateLimiters[RateLimitCategory.Video];
        using var lease = video.AttemptAcquire(5);
        Assert.That(lease.IsAcquired, Is.True);
        using var sixth = video.AttemptAcquire(1);
        Assert.That(sixth.IsAcquired, Is.False, "video allows 5 per minute");
    }
}
