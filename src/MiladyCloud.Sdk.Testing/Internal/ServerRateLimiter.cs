using System.Globalization;
using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The service's rate limiter, rule for rule (elizaOS/cloud <c>packages/lib/middleware/rate-limit.ts</c> and
/// <c>rate-limit-redis.ts</c>): one counter per caller key shared by every limited route, each route comparing it with
/// its own preset; refused calls count too. <c>redis</c> is a sliding log whose key expires one window (plus 10 s) after
/// the last call; <c>in-memory</c> a fixed window opened by the first call with that call's route window. With the
/// <c>redis</c> policy, chat completions, responses and embeddings also pass the organization's free-tier limiter.
/// </summary>
internal sealed class ServerRateLimiter(TimeProvider clock)
{
    /// <summary>The free tier's completions and embeddings limits per minute (org-rate-limits.ts).</summary>
    private static readonly Dictionary<string, int> OrganizationTiers = new(StringComparer.Ordinal) { ["completions"] = 60, ["embeddings"] = 100 };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SlidingLog> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, DateTimeOffset ResetAt)> _windows = new(StringComparer.Ordinal);

    /// <summary><c>redis</c> (the production service) or <c>in-memory</c>.</summary>
    public string Policy { get; set; } = "redis";

    /// <summary>Scales every preset, as the server's <c>RATE_LIMIT_MULTIPLIER</c> does outside production.</summary>
    public int Multiplier { get; set; } = 1;

    /// <summary>Shortens every window (a test knob: 0.05 makes a minute three seconds).</summary>
    public double WindowScale { get; set; } = 1;

    /// <summary>How many calls the limiter refused (the key counter and the organization tier).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    private int _refusals;

    /// <summary>Counts a call to a limited route and answers what the server's wrapper would.</summary>
    public Decision Check(string callerKey, RateLimitPreset preset)
    {
        var limit = preset.Limit * Multiplier;
        lock (_gate)
        {
            return Counted(string.Equals(Policy, "in-memory", StringComparison.Ordinal)
                ? FixedWindow(callerKey, limit, Scaled(preset.Window))
                : Sliding(callerKey, limit, Scaled(preset.Window)));
        }
    }

    /// <summary>Whether a call would be allowed now, without counting it (for tests of the SDK's replica).</summary>
    public bool WouldAllow(string callerKey, RateLimitPreset preset)
    {
        var limit = preset.Limit * Multiplier;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (string.Equals(Policy, "in-memory", StringComparison.Ordinal))
            {
                return !_windows.TryGetValue(callerKey, out var entry) || entry.ResetAt < now || entry.Count + 1 <= limit;
            }

            return !_logs.TryGetValue(callerKey, out var log) || log.ExpiresAt <= now || log.Calls.Count(call => call > now - Scaled(preset.Window)) < limit;
        }
    }

    /// <summary>The organization tier's check, inside the handler (Redis policy only; the server skips it otherwise).</summary>
    public Decision? CheckOrganizationTier(string organizationId, string? tier)
    {
        if (tier is null || !OrganizationTiers.TryGetValue(tier, out var perMinute) || !string.Equals(Policy, "redis", StringComparison.Ordinal))
        {
            return null;
        }

        lock (_gate)
        {
            var decision = Counted(Sliding($"org:{organizationId}:{tier}", perMinute * Multiplier, Scaled(TimeSpan.FromMinutes(1))));
            return decision.Allowed ? null : decision;
        }
    }

    private TimeSpan Scaled(TimeSpan window) => WindowScale == 1 ? window : TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(window.TotalMilliseconds * WindowScale)));

    private Decision Counted(Decision decision)
    {
        if (!decision.Allowed)
        {
            Interlocked.Increment(ref _refusals);
        }

        return decision;
    }

    private Decision FixedWindow(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(key, out var entry) || entry.ResetAt < now)
        {
            entry = (0, now + window);
        }

        entry.Count++;
        _windows[key] = entry;
        var allowed = entry.Count <= limit;
        var retryAfter = allowed ? (int?)null : (int)Math.Ceiling((entry.ResetAt - now).TotalSeconds);
        return new Decision(allowed, limit, Math.Max(0, limit - entry.Count), entry.ResetAt, retryAfter, window, "in-memory");
    }

    private Decision Sliding(string key, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (!_logs.TryGetValue(key, out var log) || log.ExpiresAt <= now)
        {
            log = new SlidingLog();
            _logs[key] = log;
        }

        log.Calls.RemoveAll(call => call <= now - window);
        var count = log.Calls.Count;
        log.Calls.Add(now);
        log.ExpiresAt = now + window + TimeSpan.FromSeconds(10);
        var allowed = count < limit;
        var retryAfter = allowed ? (int?)null : (int)Math.Ceiling(window.TotalSeconds);
        return new Decision(allowed, limit, Math.Max(0, limit - count - 1), now + window, retryAfter, window, "redis");
    }

    /// <summary>What the limiter decided, and the headers and 429 body the server builds from it.</summary>
    internal sealed record Decision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, int? RetryAfterSeconds, TimeSpan Window, string Policy)
    {
        public void WriteHeaders(IDictionary<string, string> headers)
        {
            headers["X-RateLimit-Limit"] = Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = ResetAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            headers["X-RateLimit-Policy"] = Policy;
        }

        public FakeResponse Refusal()
        {
            var seconds = (int)Math.Ceiling(Window.TotalSeconds);
            var body = $$"""{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded. Maximum {{Limit}} requests per {{seconds}} seconds.","retryAfter":{{RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture) ?? "null"}}}""";
            var response = FakeResponse.Json(body, HttpStatusCode.TooManyRequests);
            WriteHeaders(response.Headers);
            response.Headers["Retry-After"] = RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture) ?? "60";
            return response;
        }
    }

    private sealed class SlidingLog
    {
        public List<DateTimeOffset> Calls { get; } = [];

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
