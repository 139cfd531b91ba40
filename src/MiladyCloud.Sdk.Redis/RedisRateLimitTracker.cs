using System.Globalization;
using System.Security.Cryptography;
using MiladyCloud.Sdk.Redis.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Redis;

/// <summary>
/// A <see cref="RateLimitTracker"/> whose replica of the server's per-key counter lives in Redis, shared by every
/// process that uses the same API key: the fleet sends no more than each route's preset allows, and one replica's 429
/// makes every replica wait for the reset instead of sending. The scripts run the SDK's own algorithm (a sliding log or
/// a fixed window, as the server's <c>X-RateLimit-Policy</c> says; see <c>docs/rate-limits.md</c>), atomically.
/// Routes the server does not limit never touch Redis. When Redis is unreachable, slow or failing, calls go on with this
/// process's own replica (which is kept up to date all along): one warning, a metric, never an exception from Redis.
/// </summary>
public class RedisRateLimitTracker : RateLimitTracker
{
    /// <summary>The server keeps its sliding log this long after the last call beyond the window (rate-limit-redis.ts).</summary>
    private static readonly TimeSpan ServerLogTail = TimeSpan.FromSeconds(10);

    /// <summary>How long a counted call may be on its way to the server; younger ones are never judged stale.</summary>
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(2);

    /// <summary>The longest preset window and margin: older state no longer matters.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(7);

    /// <summary>A hold never lasts longer than this in Redis (a hostile <c>Retry-After</c> may ask for centuries).</summary>
    private static readonly TimeSpan LongestHold = TimeSpan.FromDays(1);

    private readonly FleetKeys _keys;
    private readonly FleetLink _link;
    private readonly RedisRateLimitOptions _options;
    private readonly Lock _latestGate = new();
    private (RateLimitInfo Info, long At)? _fleetLatest;
    private (RateLimitInfo Info, long At)? _localLatest;

    /// <summary>Creates the tracker of one API key.</summary>
    /// <param name="redis">The connection; create it with <c>abortConnect=false</c> so a Redis that is down at start is
    /// retried in the background instead of failing the start.</param>
    /// <param name="apiKey">The API key whose budget the fleet shares; only a keyed hash of it reaches Redis.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where the one warning of an outage goes; nowhere when <see langword="null"/>.</param>
    public RedisRateLimitTracker(IConnectionMultiplexer redis, string apiKey, RedisRateLimitOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _options = (options ?? new RedisRateLimitOptions()).Clone();
        _options.Validate();
        _keys = new FleetKeys(_options.KeyPrefix, _options.KeySecret, apiKey);
        _link = new FleetLink(redis, _options, logger ?? NullLogger.Instance);
    }

    /// <summary>The newest report of any replica of the fleet (or of this process while Redis is unavailable).</summary>
    public override RateLimitInfo? Latest
    {
        get
        {
            lock (_latestGate)
            {
                return (_fleetLatest, _localLatest) switch
                {
                    ({ } fleet, { } local) => fleet.At >= local.At ? fleet.Info : local.Info,
                    ({ } fleet, null) => fleet.Info,
                    (null, { } local) => local.Info,
                    _ => base.Latest,
                };
            }
        }
    }

    /// <inheritdoc />
    public override async ValueTask<TimeSpan> GetWaitAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        var local = await base.GetWaitAsync(route, now, cancellationToken).ConfigureAwait(false);
        if (GetEffectivePreset(route) is not { } preset)
        {
            return local;
        }

        var fleet = await AskAsync(route, preset, now, mode: "2", cancellationToken).ConfigureAwait(false);
        return fleet?.Wait ?? local;
    }

    /// <inheritdoc />
    public override async ValueTask<TimeSpan> AcquireAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (GetEffectivePreset(route) is not { } preset)
        {
            return await base.AcquireAsync(route, now, cancellationToken).ConfigureAwait(false);
        }

        if (await AskAsync(route, preset, now, mode: "0", cancellationToken).ConfigureAwait(false) is not { } fleet)
        {
            return await base.AcquireAsync(route, now, cancellationToken).ConfigureAwait(false);
        }

        if (fleet.Wait > TimeSpan.Zero)
        {
            FleetTelemetry.RecordHold(preset.Name, fleet.Reason, fleet.Wait);
            return fleet.Wait;
        }

        // Counted by the fleet: this process's replica counts it too, to be ready should Redis go away.
        await base.CountAsync(route, now, cancellationToken).ConfigureAwait(false);
        return TimeSpan.Zero;
    }

    /// <inheritdoc />
    public override async ValueTask CountAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        await base.CountAsync(route, now, cancellationToken).ConfigureAwait(false);
        if (GetEffectivePreset(route) is { } preset)
        {
            await AskAsync(route, preset, now, mode: "1", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async ValueTask RecordAsync(RateLimitRoute route, RateLimitReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(report);
        await base.RecordAsync(route, report, cancellationToken).ConfigureAwait(false);
        if (report.Info is { } info)
        {
            lock (_latestGate)
            {
                _localLatest = (info, report.ReceivedAt.ToUnixTimeMilliseconds());
            }
        }

        var preset = GetEffectivePreset(route) ?? (report.Info?.Limit is { } limit ? new RateLimitPreset("UNKNOWN", limit, TimeSpan.FromMinutes(1)) : null);
        if (preset is null)
        {
            return;
        }

        var values = RecordValues(preset, report);
        var (result, failure) = await _link.TryEvaluateAsync(FleetScripts.Record, Keys(route, preset), values, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            FleetTelemetry.RecordFallback(preset.Name, failure!);
            return;
        }

        RememberFleetLatest((RedisResult[])result!, offset: 0);
    }

    /// <summary>Runs the acquire script in a mode; <see langword="null"/> when Redis could not answer.</summary>
    private async ValueTask<(TimeSpan Wait, int Reason)?> AskAsync(RateLimitRoute route, RateLimitPreset preset, DateTimeOffset now, string mode, CancellationToken cancellationToken)
    {
        RedisValue[] values =
        [
            now.ToUnixTimeMilliseconds(),
            Milliseconds(preset.Window),
            preset.Limit,
            Milliseconds(_options.SafetyMargin),
            NewMember(),
            mode,
            Milliseconds(Max(Horizon, preset.Window * 2)),
            Milliseconds(ServerLogTail),
            preset.Name,
        ];
        var (result, failure) = await _link.TryEvaluateAsync(FleetScripts.Acquire, Keys(route, preset), values, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            FleetTelemetry.RecordFallback(preset.Name, failure!);
            return null;
        }

        var parts = (RedisResult[])result!;
        RememberFleetLatest(parts, offset: 2);
        return (TimeSpan.FromMilliseconds((long)parts[0]), (int)parts[1]);
    }

    private RedisValue[] RecordValues(RateLimitPreset preset, RateLimitReport report)
    {
        var info = report.Info;
        var receivedAt = report.ReceivedAt.ToUnixTimeMilliseconds();
        var counterRefusal = report.IsRejected && info?.Remaining <= 0;
        return
        [
            report.SentAt.ToUnixTimeMilliseconds(),
            receivedAt,
            Milliseconds(preset.Window),
            info?.Limit ?? preset.Limit,
            info is { } i && (i.Remaining is not null || i.Limit is not null) ? "1" : "0",
            info?.Remaining ?? 0,
            info?.Reset is { } reset ? reset.ToUnixTimeMilliseconds() : string.Empty,
            info?.Policy ?? string.Empty,
            report.IsRejected ? "1" : "0",
            // As the local replica: a 429 from another limiter holds the route's bucket for the delay it asked for.
            report.IsRejected && !counterRefusal && report.RetryAfter is { } delay ? HoldUntil(receivedAt, delay) : 0,
            // The fleet only: a 429 from the key's counter holds the preset until the reset, so no replica sends into it.
            counterRefusal && (report.RetryAfter ?? info?.Reset - report.ReceivedAt) is { } untilReset ? HoldUntil(receivedAt, untilReset) : 0,
            NewMember() + ":",
            Milliseconds(InFlightGrace),
            Milliseconds(_options.SafetyMargin),
            Milliseconds(ServerLogTail),
            Milliseconds(Max(Horizon, preset.Window * 2)),
            info is null ? "0" : "1",
            info?.Limit?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            info?.Remaining?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            TravelTime(report) is { } travel ? travel : string.Empty,
            preset.Name,
        ];
    }

    /// <summary>
    /// How long after it was sent the server counted the call, plus the route's window: with the <c>redis</c> policy the
    /// reset is the server's time of the call plus the window. The window is the same for every call of the route, so
    /// the spread of these values within a window is the spread of travel times, which is added to the margin. The
    /// window is not subtracted: a learned window is itself read from one call's reset, and a window scaled by the
    /// deployment would otherwise hide the spread.
    /// </summary>
    private static long? TravelTime(RateLimitReport report)
        => report.Info is { Reset: { } reset, Policy: { } policy } && string.Equals(policy, "redis", StringComparison.OrdinalIgnoreCase)
            ? (reset - report.SentAt).Ticks / TimeSpan.TicksPerMillisecond
            : null;

    private RedisKey[] Keys(RateLimitRoute route, RateLimitPreset preset)
        => [_keys.Log, _keys.Calls, _keys.Window, _keys.State, _keys.RouteHold(HoldBucket(route)), _keys.PresetHold(preset.Name)];

    /// <summary>Keeps the fleet's newest report from a script's answer: limit, remaining, reset, policy, at.</summary>
    private void RememberFleetLatest(RedisResult[] parts, int offset)
    {
        if (parts.Length < offset + 5 || parts[offset + 4].IsNull || !long.TryParse((string?)parts[offset + 4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at))
        {
            return;
        }

        var info = new RateLimitInfo
        {
            Limit = Integer(parts[offset]),
            Remaining = Integer(parts[offset + 1]),
            Reset = Integer64(parts[offset + 2]) is { } reset ? DateTimeOffset.FromUnixTimeMilliseconds(reset) : null,
            Policy = parts[offset + 3].IsNull || ((string?)parts[offset + 3]) is not { Length: > 0 } policy ? null : policy,
        };
        lock (_latestGate)
        {
            if (_fleetLatest is not { } known || known.At <= at)
            {
                _fleetLatest = (info, at);
            }
        }
    }

    /// <summary>The bucket a hold from another limiter applies to, as the local replica names it.</summary>
    private static string HoldBucket(RateLimitRoute route) => route.OrganizationTier is { } tier ? "tier:" + tier : route.Operation;

    private static long HoldUntil(long receivedAt, TimeSpan delay)
        => receivedAt + Milliseconds(delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > LongestHold ? LongestHold : delay);

    private static int? Integer(RedisResult value)
        => !value.IsNull && int.TryParse((string?)value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static long? Integer64(RedisResult value)
        => !value.IsNull && long.TryParse((string?)value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>A member name no other call of any replica uses.</summary>
    private static string NewMember() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
