using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Runs before a request is sent: waits out a window the server reported exhausted (instead of sending a request
/// to be rejected), then takes a lease from the category's client-side limiter, if one is configured.
/// </summary>
internal sealed class RateLimitGate(MiladyCloudClientOptions options, RateLimitTracker tracker, ILogger logger)
{
    public async ValueTask<RateLimitLease?> EnterAsync(RateLimitCategory category, CancellationToken cancellationToken)
    {
        await HoldWhileExhaustedAsync(category, cancellationToken).ConfigureAwait(false);
        if (!options.RateLimiters.TryGetValue(category, out var limiter))
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
            lease.Dispose();
            throw new RateLimitedException($"The client-side {category} rate limiter refused the request (its queue is full).")
            {
                RetryAfter = retryAfter,
            };
        }

        return lease;
    }

    private async Task HoldWhileExhaustedAsync(RateLimitCategory category, CancellationToken cancellationToken)
    {
        if (!options.HoldWhenRateLimitExhausted)
        {
            return;
        }

        var clock = options.TimeProvider;
        if (tracker.ExhaustedUntil(category, clock.GetUtcNow()) is not { } reset)
        {
            return;
        }

        var wait = reset - clock.GetUtcNow();
        if (wait > options.MaxRetryDelay)
        {
            throw new RateLimitedException($"The {category} rate-limit window is exhausted until {reset:O}, longer than MaxRetryDelay ({options.MaxRetryDelay}); the request was not sent.")
            {
                RetryAfter = wait,
                RateLimit = tracker.Get(category),
            };
        }

        if (wait > TimeSpan.Zero)
        {
            Log.Holding(logger, category, reset);
            MiladyCloudTelemetry.RateLimitHolds.Add(1, new KeyValuePair<string, object?>("miladycloud.rate_limit.category", category.ToString()));
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
