using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>
/// Runs once before a call is sent: when the tracker says the server would refuse it (its route's preset is exhausted,
/// or a limiter asked to hold the route), the call waits until it would be allowed, or fails at once without being
/// sent when that is longer than <see cref="MiladyCloudClientOptions.MaxRetryDelay"/> or past the call's deadline.
/// Routes without a preset are never held. The first attempt is counted here; retries count themselves in
/// <c>RateLimitHandler</c>.
/// </summary>
internal sealed class RateLimitGate(MiladyCloudClientOptions options, RateLimitTracker tracker, ILogger logger)
{
    public async ValueTask EnterAsync(HttpRequestMessage request, RateLimitRoute route, CancellationToken cancellationToken)
    {
        request.Options.Set(RequestTraits.RateLimits, tracker);
        var clock = options.TimeProvider;
        while (true)
        {
            var now = clock.GetUtcNow();
            var wait = options.HoldWhenRateLimitExhausted
                ? await tracker.AcquireAsync(route, now, cancellationToken).ConfigureAwait(false)
                : await CountAnywayAsync(route, now, cancellationToken).ConfigureAwait(false);
            if (wait <= TimeSpan.Zero)
            {
                request.SetFlag(RequestTraits.AttemptCounted, true);
                return;
            }

            ThrowIfTooLong(request, route, wait, now);
            Log.Holding(logger, route.Operation, now + wait);
            MiladyCloudTelemetry.RateLimitHolds.Add(1, new KeyValuePair<string, object?>("miladycloud.rate_limit.preset", route.Preset?.Name ?? "none"));
            MiladyCloudTelemetry.RateLimitHoldTime.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("miladycloud.rate_limit.preset", route.Preset?.Name ?? "none"));
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<TimeSpan> CountAnywayAsync(RateLimitRoute route, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tracker.CountAsync(route, now, cancellationToken).ConfigureAwait(false);
        return TimeSpan.Zero;
    }

    private void ThrowIfTooLong(HttpRequestMessage request, RateLimitRoute route, TimeSpan wait, DateTimeOffset now)
    {
        if (wait <= options.MaxRetryDelay && !(request.GetDeadline() is { } deadline && wait > deadline - now))
        {
            return;
        }

        var pastDeadline = wait <= options.MaxRetryDelay;
        var limit = pastDeadline ? "the call's OperationTimeout" : $"MaxRetryDelay ({options.MaxRetryDelay})";
        var until = wait >= DateTimeOffset.MaxValue - now ? "further notice" : (now + wait).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        throw new MiladyCloudRateLimitedException($"{route.Operation} would be refused by the server's rate limit ({RouteLimit(route)}) until {until}, later than {limit} allows; the request was not sent.")
        {
            RetryAfter = wait,
            RateLimit = tracker.Latest,
            RequestNeverSent = true,
        };
    }

    private static string RouteLimit(RateLimitRoute route)
        => route.Preset is { } preset ? $"{preset}, shared by every limited route of the key" : "a hold the server asked for";
}
