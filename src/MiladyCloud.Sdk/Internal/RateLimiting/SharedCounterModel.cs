namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>
/// A replica of the server's rate-limit counter for one key, run by the same rules as the server
/// (<c>packages/lib/middleware/rate-limit.ts</c> and <c>rate-limit-redis.ts</c> in elizaOS/cloud), so the SDK can tell
/// before sending whether the server would refuse a call, and for how long. Every response that carries
/// <c>X-RateLimit-*</c> headers corrects the replica, so calls made by other processes on the same key are learned.
/// <list type="bullet">
/// <item><c>redis</c> (production): a sliding log. A call to a route with window W first drops entries older than W,
/// counts the rest (c), then adds itself, rejected or not; it is allowed when c &lt; limit.</item>
/// <item><c>in-memory</c>: one fixed window. The first call after the reset opens a window of its own route's length;
/// every call (rejected ones too) adds one; a call is allowed while the count is at most the limit.</item>
/// </list>
/// Not thread-safe: <see cref="RateLimitTracker"/> serializes access.
/// </summary>
internal sealed class SharedCounterModel
{
    /// <summary>The longest window of any preset, plus margin: older entries can no longer count.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(6);

    /// <summary>The server compares times in milliseconds; a wait ends just after the boundary.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>The sliding log: our own calls and, after a correction, calls the server counted that we did not make.</summary>
    private readonly List<DateTimeOffset> _log = [];

    /// <summary>Our own calls, kept whatever the policy, to tell which ones a correction already saw.</summary>
    private readonly List<DateTimeOffset> _ownCalls = [];

    private int _windowCount;
    private DateTimeOffset _windowReset = DateTimeOffset.MinValue;

    /// <summary>The policy the server reports; the production service uses <c>redis</c>.</summary>
    public string Policy { get; private set; } = RateLimitPolicies.Redis;

    /// <summary>How long to wait before a call to a route with this preset would be allowed (zero: now).</summary>
    public TimeSpan WaitFor(RateLimitPreset preset, DateTimeOffset now)
        => IsFixedWindow ? FixedWindowWait(preset, now) : SlidingWait(preset, now);

    /// <summary>The calls a route with this preset has left now, as far as the replica knows.</summary>
    public int Remaining(RateLimitPreset preset, DateTimeOffset now)
        => Math.Max(0, preset.Limit - (IsFixedWindow ? (now > _windowReset ? 0 : _windowCount) : CountSince(now - preset.Window)));

    /// <summary>Counts a call the way the server will when it arrives.</summary>
    public void Count(RateLimitPreset preset, DateTimeOffset now)
    {
        Trim(now);
        _ownCalls.Add(now);
        if (now > _windowReset)
        {
            _windowCount = 0;
            _windowReset = now + preset.Window;
        }

        _windowCount++;
        _log.RemoveAll(entry => entry <= now - preset.Window);
        _log.Add(now);
    }

    /// <summary>Corrects the replica with what the server said about a call (sent at <c>report.SentAt</c>).</summary>
    public void Correct(RateLimitPreset preset, RateLimitReport report)
    {
        var info = report.Info!;
        var limit = info.Limit ?? preset.Limit;
        var remaining = info.Remaining ?? 0;
        var rejectedByCounter = report.IsRejected && remaining <= 0;

        // Including the call just answered. With nothing remaining the count is at least the limit (more when refused).
        var counted = remaining > 0 ? limit - remaining : limit + (rejectedByCounter ? 1 : 0);
        var exact = remaining > 0 || !rejectedByCounter;
        var sentLater = _ownCalls.Count(call => call > report.SentAt);
        if (info.Policy is { } policy && !string.Equals(policy, Policy, StringComparison.OrdinalIgnoreCase))
        {
            Policy = policy.ToLowerInvariant();
        }

        if (IsFixedWindow)
        {
            CorrectFixedWindow(info.Reset, counted + sentLater, exact);
        }
        else
        {
            CorrectSlidingLog(report.SentAt - preset.Window, report.SentAt, counted, exact);
        }
    }

    private bool IsFixedWindow => string.Equals(Policy, RateLimitPolicies.InMemory, StringComparison.OrdinalIgnoreCase);

    private TimeSpan FixedWindowWait(RateLimitPreset preset, DateTimeOffset now)
        => now > _windowReset || _windowCount < preset.Limit ? TimeSpan.Zero : _windowReset - now + Tick;

    private TimeSpan SlidingWait(RateLimitPreset preset, DateTimeOffset now)
    {
        var windowStart = now - preset.Window;
        var inWindow = _log.Where(entry => entry > windowStart).Order().ToList();
        if (inWindow.Count < preset.Limit)
        {
            return TimeSpan.Zero;
        }

        // Enough entries must age out that fewer than the limit remain.
        var mustExpire = inWindow[inWindow.Count - preset.Limit];
        return mustExpire + preset.Window - now + Tick;
    }

    private int CountSince(DateTimeOffset start) => _log.Count(entry => entry > start);

    private void CorrectFixedWindow(DateTimeOffset? reset, int count, bool exact)
    {
        if (reset is { } serverReset && serverReset != _windowReset)
        {
            _windowReset = serverReset;
            _windowCount = count;
            return;
        }

        _windowCount = exact ? count : Math.Max(_windowCount, count);
    }

    private void CorrectSlidingLog(DateTimeOffset windowStart, DateTimeOffset sentAt, int counted, bool exact)
    {
        var seen = _log.Where(entry => entry > windowStart && entry <= sentAt).Order().ToList();
        if (seen.Count < counted)
        {
            // Calls from elsewhere: their times are unknown, so they are placed as late as possible (they expire last).
            _log.AddRange(Enumerable.Repeat(sentAt, counted - seen.Count));
        }
        else if (exact && seen.Count > counted)
        {
            foreach (var stale in seen.Take(seen.Count - counted))
            {
                _log.Remove(stale);
            }
        }
    }

    private void Trim(DateTimeOffset now)
    {
        var horizon = now - Horizon;
        _log.RemoveAll(entry => entry <= horizon);
        _ownCalls.RemoveAll(call => call <= horizon);
    }
}
