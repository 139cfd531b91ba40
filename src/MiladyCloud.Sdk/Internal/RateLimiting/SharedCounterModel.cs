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

    /// <summary>
    /// How many calls the logs keep at least. Only the newest <c>limit</c> entries decide a wait, so keeping a few times
    /// the largest limit changes no answer, while a loop that counts without holding cannot grow the logs without end.
    /// </summary>
    private const int MinimumCapacity = 1024;

    /// <summary>The sliding log: our own calls and, after a correction, calls the server counted that we did not make.</summary>
    private readonly CallLog _log = new(MinimumCapacity);

    /// <summary>Our own calls, kept whatever the policy, to tell which ones a correction already saw.</summary>
    private readonly CallLog _ownCalls = new(MinimumCapacity);

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
        Fit(preset.Limit);
        _ownCalls.Add(now);
        if (now > _windowReset)
        {
            _windowCount = 0;
            _windowReset = now + preset.Window;
        }

        _windowCount++;
        _log.DropUntil(now - preset.Window);
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
        var sentLater = _ownCalls.CountAfter(report.SentAt);
        Fit(limit);
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
        if (CountSince(now - preset.Window) < preset.Limit)
        {
            return TimeSpan.Zero;
        }

        // Enough entries must age out that fewer than the limit remain: the limit-th newest is the one.
        var mustExpire = _log[_log.Count - preset.Limit];
        return mustExpire + preset.Window - now + Tick;
    }

    private int CountSince(DateTimeOffset start) => _log.CountAfter(start);

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
        var seen = _log.CountBetween(windowStart, sentAt);
        if (seen < counted)
        {
            // Calls from elsewhere: their times are unknown, so they are placed as late as possible (they expire last).
            _log.Add(sentAt, counted - seen);
        }
        else if (exact && seen > counted)
        {
            _log.RemoveOldestAfter(windowStart, seen - counted);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        var horizon = now - Horizon;
        _log.DropUntil(horizon);
        _ownCalls.DropUntil(horizon);
    }

    /// <summary>Keeps enough entries for the largest limit seen (a deployment may report limits above the presets').</summary>
    private void Fit(int limit)
    {
        var needed = Math.Max(MinimumCapacity, (limit * 4) + 16);
        if (needed > _log.Capacity)
        {
            _log.Capacity = _ownCalls.Capacity = needed;
        }
    }
}
