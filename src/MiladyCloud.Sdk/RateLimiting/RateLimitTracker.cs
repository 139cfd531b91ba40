using MiladyCloud.Sdk.Internal.RateLimiting;

namespace MiladyCloud.Sdk;

/// <summary>
/// What the SDK knows of the server's rate limits for one API key: a replica of the server's shared per-key counter,
/// corrected by every answer, and the holds that answers from other limiters asked for. The client asks it before each
/// call to a rate-limited route (<see cref="AcquireAsync"/>) and tells it every answer (<see cref="RecordAsync"/>), so
/// a call the server would refuse waits instead of being sent, while routes without a preset are never held.
/// Reachable as <see cref="MiladyCloudClient.RateLimits"/>. Share one instance between clients of the same key
/// (<see cref="MiladyCloudClientOptions.RateLimits"/>); a subclass may keep the state elsewhere (for a fleet of
/// processes, <c>MiladyCloud.Sdk.Redis</c>). Thread-safe.
/// </summary>
public class RateLimitTracker
{
    private readonly Lock _gate = new();
    private readonly SharedCounterModel _counter = new();
    private readonly Dictionary<string, DateTimeOffset> _holds = new(StringComparer.Ordinal);

    /// <summary>
    /// Limits a route reported that differ from its preset (a deployment may scale the presets, as the server's
    /// <c>RATE_LIMIT_MULTIPLIER</c> does in development): what the server says wins.
    /// </summary>
    private readonly Dictionary<string, int> _reportedLimits = new(StringComparer.Ordinal);

    /// <summary>
    /// Windows a route reported that differ from its preset's. With the <c>redis</c> policy the server's
    /// <c>X-RateLimit-Reset</c> is its clock at the call plus the route's window, so <c>Reset - SentAt</c> is that window
    /// (plus the time the request took to arrive: a little long, never short): a deployment with other windows is paced
    /// by its own. Kept per route and per preset (<c>preset:NAME</c>), so the other routes of the preset follow at once.
    /// </summary>
    private readonly Dictionary<string, TimeSpan> _reportedWindows = new(StringComparer.Ordinal);
    private RateLimitInfo? _latest;

    /// <summary>Creates a tracker that knows nothing yet.</summary>
    public RateLimitTracker()
    {
    }

    /// <summary>The rate-limit headers of the latest answer that carried them, or <see langword="null"/>.</summary>
    public virtual RateLimitInfo? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>How many calls a route with <paramref name="preset"/> has left now, as far as this tracker knows.</summary>
    /// <param name="preset">The route's preset.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The estimate (the server may know of calls made elsewhere since the last answer).</returns>
    public virtual int EstimateRemaining(RateLimitPreset preset, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(preset);
        lock (_gate)
        {
            return _counter.Remaining(preset, now);
        }
    }

    /// <summary>How long a call to <paramref name="route"/> would have to wait now; nothing is counted.</summary>
    /// <param name="route">The route.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="TimeSpan.Zero"/> when the server would allow the call now.</returns>
    public virtual ValueTask<TimeSpan> GetWaitAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_gate)
        {
            var preset = Effective(route);
            return ValueTask.FromResult(Max(HoldFor(route, now), preset is null ? TimeSpan.Zero : _counter.WaitFor(preset, now)));
        }
    }

    /// <summary>
    /// Asks to send a call now. When the server would allow it, the call is counted and the result is zero; otherwise
    /// nothing is counted and the result is how long to wait before asking again.
    /// </summary>
    /// <param name="route">The route the call goes to.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="TimeSpan.Zero"/> when counted, else the wait.</returns>
    public virtual ValueTask<TimeSpan> AcquireAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_gate)
        {
            var preset = Effective(route);
            var wait = Max(HoldFor(route, now), preset is null ? TimeSpan.Zero : _counter.WaitFor(preset, now));
            if (wait == TimeSpan.Zero && preset is not null)
            {
                _counter.Count(preset, now);
            }

            return ValueTask.FromResult(wait);
        }
    }

    /// <summary>Counts a call that is sent whatever the model says (a retry the server asked for).</summary>
    /// <param name="route">The route the call goes to.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the call is counted.</returns>
    public virtual ValueTask CountAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_gate)
        {
            if (Effective(route) is { } preset)
            {
                _counter.Count(preset, now);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Learns from an answer: its headers correct the replica of the shared counter; a 429 that did not come from that
    /// counter (the organization-tier limiter reports the key counter's headers with calls remaining) holds the
    /// route's bucket for the delay it asked for (a 429 that names no delay holds nothing: the retry backoff applies).
    /// </summary>
    /// <param name="route">The route that answered.</param>
    /// <param name="report">What the answer said.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the answer is recorded.</returns>
    public virtual ValueTask RecordAsync(RateLimitRoute route, RateLimitReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            if (report.Info is { } info)
            {
                _latest = info;
                RememberReportedLimit(route, info);
                RememberReportedWindow(route, info, report.SentAt);
                var preset = Effective(route) ?? PresetFromHeaders(info);
                if (preset is not null && (info.Remaining is not null || info.Limit is not null))
                {
                    _counter.Correct(preset, report);
                }
            }

            if (report.IsRejected && !(report.Info?.Remaining <= 0) && report.RetryAfter is { } delay)
            {
                var until = AddSaturating(report.ReceivedAt, delay);
                _holds[route.HoldBucket] = Max(until, _holds.GetValueOrDefault(route.HoldBucket));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The preset a route is paced by: its own, with the limit and the window the server reported for it when they
    /// differ from the preset's (a deployment may scale them); <see langword="null"/> for a route the server does not limit.
    /// For subclasses that keep the counter elsewhere and must run it by the same numbers.
    /// </summary>
    /// <param name="route">The route.</param>
    /// <returns>The preset in force, or <see langword="null"/>.</returns>
    protected RateLimitPreset? GetEffectivePreset(RateLimitRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_gate)
        {
            return Effective(route);
        }
    }

    private RateLimitPreset? Effective(RateLimitRoute route)
    {
        if (route.Preset is not { } preset)
        {
            return null;
        }

        if (_reportedLimits.TryGetValue(route.Operation, out var limit))
        {
            preset = preset with { Limit = limit };
        }

        // The route's own report, else one from another route of its preset (a deployment scales presets, not routes).
        return _reportedWindows.TryGetValue(route.Operation, out var window) || _reportedWindows.TryGetValue(PresetWindowKey(preset), out window)
            ? preset with { Window = window }
            : preset;
    }

    private static string PresetWindowKey(RateLimitPreset preset) => "preset:" + preset.Name;

    /// <summary>
    /// Learns the route's window from a <c>redis</c> answer's reset. A shorter one is taken only when it is under half the
    /// preset's, and a longer one only beyond a tenth more, so a server clock a few seconds off never shortens a window.
    /// </summary>
    private void RememberReportedWindow(RateLimitRoute route, RateLimitInfo info, DateTimeOffset sentAt)
    {
        if (route.Preset is not { } preset || info.Reset is not { } reset
            || !string.Equals(info.Policy, RateLimitPolicies.Redis, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var window = reset - sentAt;
        if (window <= TimeSpan.Zero)
        {
            return;
        }

        if (window < preset.Window / 2 || window > preset.Window * 1.1)
        {
            _reportedWindows[route.Operation] = window;
            _reportedWindows[PresetWindowKey(preset)] = window;
        }
        else
        {
            _reportedWindows.Remove(route.Operation);
            _reportedWindows.Remove(PresetWindowKey(preset));
        }
    }

    private void RememberReportedLimit(RateLimitRoute route, RateLimitInfo info)
    {
        if (route.Preset is null || info.Limit is not { } limit || limit <= 0)
        {
            return;
        }

        if (limit == route.Preset.Limit)
        {
            _reportedLimits.Remove(route.Operation);
        }
        else
        {
            _reportedLimits[route.Operation] = limit;
        }
    }

    private TimeSpan HoldFor(RateLimitRoute route, DateTimeOffset now)
        => _holds.TryGetValue(route.HoldBucket, out var until) && until > now ? until - now : TimeSpan.Zero;

    /// <summary>A route the SDK does not know as limited answered with headers: trust its limit, assume a minute.</summary>
    private static RateLimitPreset? PresetFromHeaders(RateLimitInfo info)
        => info.Limit is { } limit ? new RateLimitPreset("UNKNOWN", limit, TimeSpan.FromMinutes(1)) : null;

    /// <summary>A hostile Retry-After may ask for thousands of years: the hold ends at the end of time instead of throwing.</summary>
    private static DateTimeOffset AddSaturating(DateTimeOffset time, TimeSpan delay)
        => delay >= DateTimeOffset.MaxValue - time ? DateTimeOffset.MaxValue : time + delay;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
