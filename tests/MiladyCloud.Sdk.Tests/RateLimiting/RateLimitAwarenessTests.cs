using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.RateLimiting;

/// <summary>
/// The server keeps one counter per key shared by every rate-limited route, each route comparing it with its own
/// preset; routes without a preset are never limited. These tests drive the client's replica of that counter with the
/// headers the server sends, on a fake clock, and check what went over the wire.
/// </summary>
public class RateLimitAwarenessTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static (string, string)[] Limits(int limit, int remaining, int resetInSeconds, string policy = "in-memory") =>
    [
        ("X-RateLimit-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset", Start.AddSeconds(resetInSeconds).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Policy", policy),
    ];

    private static Task GetUserAsync(ScriptedServer api, CancellationToken cancellationToken = default)
        => api.Client.SendAsync(HttpMethod.Get, "user", cancellationToken: cancellationToken);

    [Test]
    public async Task Every_answer_with_limits_updates_the_latest_snapshot()
    {
        using var api = new ScriptedServer().Then(200, "{}", Limits(60, 59, 60));

        await GetUserAsync(api);

        Assert.That(api.Client.RateLimits.Latest, Is.EqualTo(new RateLimitInfo
        {
            Limit = 60,
            Remaining = 59,
            Reset = Start.AddSeconds(60),
            Policy = "in-memory",
        }));
    }

    [Test]
    public async Task A_limited_route_waits_for_the_reset_when_its_preset_is_used_up()
    {
        using var api = new ScriptedServer().Then(200, "{}", Limits(60, 0, 20)).Then(200, "{}", Limits(60, 59, 80));
        await GetUserAsync(api);

        var held = GetUserAsync(api);
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(1), "the request must wait, not be sent to be refused");
        api.Clock.Advance(TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(1), "at the reset instant the server still counts the old window");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await held;

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_route_without_a_preset_is_never_held()
    {
        // GET /containers/{id} and GET /dashboard have no rate limit: the create answer asks to poll every 10 s.
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(1))
            .Then(200, "{}", Limits(60, 0, 60)).Then(200, "{}").Then(200, "{}");
        await GetUserAsync(api);

        await api.Client.SendAsync(HttpMethod.Get, "containers/6a2b1c3d-0000-4000-8000-000000000001");
        await api.Client.SendAsync(HttpMethod.Get, "dashboard");

        Assert.That(api.RequestCount, Is.EqualTo(3));
    }

    [Test]
    public async Task Calls_to_any_limited_route_use_up_a_critical_route()
    {
        // Five calls counted on the key's one counter (60 - 55): a CRITICAL route (5 per 300 s) would be refused.
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10)).Then(200, "{}", Limits(60, 55, 60));
        await GetUserAsync(api);

        var refused = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => api.Client.SendAsync(HttpMethod.Post, "containers", Json("{}")));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.RequestNeverSent, Is.True);
            Assert.That(refused.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)), "until the fixed window resets");
            Assert.That(refused.Message, Does.Contain("POST /containers").And.Contain("CRITICAL"));
            Assert.That(api.RequestCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_route_with_a_larger_preset_still_goes_out_when_a_smaller_one_is_used_up()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10))
            .Then(200, "{}", Limits(60, 55, 60)).Then(200, "{}", Limits(200, 194, 60));
        await GetUserAsync(api);
        Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => api.Client.SendAsync(HttpMethod.Post, "containers", Json("{}")));

        await api.Client.SendAsync(HttpMethod.Post, "messages", Json("{}"));

        Assert.That(api.RequestCount, Is.EqualTo(2), "RELAXED (200) is far from used up");
    }

    [Test]
    public async Task On_the_sliding_log_a_critical_route_frees_a_call_as_the_oldest_ages_out()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromMinutes(10));
        for (var remaining = 4; remaining >= 0; remaining--)
        {
            api.Then(200, "{}", Limits(5, remaining, 300, "redis"));
        }

        api.Then(200, "{}", Limits(5, 0, 300, "redis"));
        for (var i = 0; i < 5; i++)
        {
            await api.Client.SendAsync(HttpMethod.Post, "generate-video", Json("{}"));
            api.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var sixth = api.Client.SendAsync(HttpMethod.Post, "generate-video", Json("{}"));
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(5), "five calls in the last 300 s: the sixth would be refused");
        api.Clock.Advance(TimeSpan.FromSeconds(250));
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(5), "the first call is 300 s old only at 12:05:00");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await sixth;

        Assert.That(api.RequestCount, Is.EqualTo(6));
    }

    [Test]
    public async Task Calls_the_server_counted_elsewhere_are_learned_from_its_headers()
    {
        // Another process used 58 of the key's 60: after one answer says so, the client holds on its own second call.
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5))
            .Then(200, "{}", Limits(60, 1, 30)).Then(200, "{}", Limits(60, 0, 30));
        await GetUserAsync(api);
        await GetUserAsync(api);

        Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => GetUserAsync(api));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_limit_the_server_reports_wins_over_the_preset()
    {
        // A deployment may scale the presets (the server's RATE_LIMIT_MULTIPLIER): 1,000 calls counted of 6,000.
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(1))
            .Then(200, "{}", Limits(6000, 5000, 60)).Then(200, "{}", Limits(6000, 4999, 60));
        await GetUserAsync(api);

        await GetUserAsync(api);

        Assert.That(api.RequestCount, Is.EqualTo(2), "STANDARD says 60, the server says 6,000");
    }

    [Test]
    public async Task An_organization_tier_429_holds_that_tier_for_its_Retry_After_not_the_whole_key()
    {
        // The organization-tier limiter refuses with the key counter's headers on (Remaining 150 on a 429).
        using var api = new ScriptedServer(o =>
            {
                o.MaxRetries = 0;
                o.MaxRetryDelay = TimeSpan.FromMinutes(1);
            })
            .Then(429, """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","retryAfter":30}""", [.. Limits(200, 150, 60, "redis"), ("Retry-After", "30")])
            .Then(200, "{}", Limits(200, 149, 60, "redis"))
            .Then(200, "{}", Limits(200, 148, 60, "redis"))
            .Then(200, "{}", Limits(200, 147, 60, "redis"));
        Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => api.Client.SendAsync(HttpMethod.Post, "chat/completions", Json("{}")));

        await api.Client.SendAsync(HttpMethod.Post, "messages", Json("{}"));
        await api.Client.SendAsync(HttpMethod.Post, "embeddings", Json("{}"));
        var chat = api.Client.SendAsync(HttpMethod.Post, "chat/completions", Json("{}"));
        await Task.Delay(50);
        Assert.That(api.RequestCount, Is.EqualTo(3), "chat waits out the tier's Retry-After; messages and embeddings did not");
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        await chat;

        Assert.That(api.RequestCount, Is.EqualTo(4));
    }

    [Test]
    public async Task Missing_credits_reported_as_429_by_messages_hold_nothing()
    {
        using var api = new ScriptedServer(o => o.MaxRetries = 0)
            .Then(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.01"}}""", Limits(200, 190, 60, "redis"))
            .Then(200, "{}", Limits(200, 189, 60, "redis"));
        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.SendAsync(HttpMethod.Post, "messages", Json("{}")));

        await api.Client.SendAsync(HttpMethod.Post, "messages", Json("{}"));

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_are_counted_like_any_call()
    {
        using var api = new ScriptedServer().Then(503, "{}").Then(200, "{}");
        var retried = GetUserAsync(api);
        api.Clock.Advance(await api.NextRetryDelayAsync());
        await retried;

        Assert.That(api.Client.RateLimits.EstimateRemaining(RateLimitPreset.Standard, api.Clock.GetUtcNow()), Is.EqualTo(58));
    }

    [Test]
    public async Task A_retry_after_a_429_waits_until_the_window_would_allow_it_not_only_its_Retry_After()
    {
        // The fixed window resets in 30 s: retrying after the 1 s Retry-After would be refused and counted again.
        using var api = new ScriptedServer()
            .Then(429, """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded"}""", [.. Limits(60, 0, 30), ("Retry-After", "1")])
            .Then(200, "{}", Limits(60, 59, 90));

        var call = GetUserAsync(api);
        var delay = await api.NextRetryDelayAsync();
        api.Clock.Advance(delay);
        await call;

        Assert.That(delay, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task A_hold_longer_than_the_cap_fails_at_once_without_sending()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10)).Then(200, "{}", Limits(60, 0, 60));
        await GetUserAsync(api);

        var ex = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => GetUserAsync(api));

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)));
        Assert.That(ex.RateLimit!.Remaining, Is.Zero);
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task The_hold_can_be_switched_off()
    {
        using var api = new ScriptedServer(o => o.HoldWhenRateLimitExhausted = false).Then(200, "{}", Limits(60, 0, 20)).Then(200, "{}");
        await GetUserAsync(api);

        await GetUserAsync(api);

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_hold_is_cancellable()
    {
        using var api = new ScriptedServer().Then(200, "{}", Limits(60, 0, 20));
        await GetUserAsync(api);
        using var cancellation = new CancellationTokenSource();

        var held = GetUserAsync(api, cancellation.Token);
        await cancellation.CancelAsync();

        Assert.That(async () => await held, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Clients_given_one_tracker_pace_together()
    {
        var shared = new RateLimitTracker();
        using var first = new ScriptedServer(o =>
        {
            o.RateLimits = shared;
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        }).Then(200, "{}", Limits(60, 0, 60));
        using var second = new ScriptedServer(o =>
        {
            o.RateLimits = shared;
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            o.TimeProvider = first.Clock;
        });
        await GetUserAsync(first);

        Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => GetUserAsync(second));
        Assert.That(second.RequestCount, Is.Zero);
        Assert.That(second.Client.RateLimits, Is.SameAs(shared));
    }

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
