using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// The SDK's one resilience pipeline, used by the HttpClient a client owns and by the dependency-injection
/// registration: rate-limit-aware retries outside, a per-attempt timeout (until the response headers) inside.
/// </summary>
internal static class MiladyCloudResilience
{
    /// <summary>The delay the server asked for on the attempt being judged, handed from the predicate to the delay generator.</summary>
    private static readonly ResiliencePropertyKey<TimeSpan?> ServerDelayKey = new("MiladyCloud.ServerDelay");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, MiladyCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = options.TimeProvider;
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(CreateRetryOptions(options));
        }

        if (options.NetworkTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions
            {
                Timeout = options.NetworkTimeout,
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.GetRequestMessage()?.GetAttemptTimeout() ?? options.NetworkTimeout),
            });
        }
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(MiladyCloudClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options);
        return builder.Build();
    }

    private static HttpRetryStrategyOptions CreateRetryOptions(MiladyCloudClientOptions options) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.MaxRetryDelay,
        // The server's own delay is computed by us (more sources than Retry-After, and the cap).
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ShouldRetryAsync(args, options),
        DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Context, args.AttemptNumber, options)),
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            var logger = options.LoggerFactory?.CreateLogger("MiladyCloud.Sdk");
            if (logger is not null)
            {
                Log.RetryScheduled(logger, args.AttemptNumber + 1, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?", args.RetryDelay.TotalMilliseconds);
            }

            MiladyCloudTelemetry.Retries.Add(1);
            MiladyCloudTelemetry.RetryDelay.Record(args.RetryDelay.TotalSeconds);
            options.RetryScheduled?.Invoke(args.AttemptNumber + 1, args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// The server's delay, but never less than the backoff step of this attempt (<see cref="MiladyCloudClientOptions.RetryBaseDelay"/>
    /// doubled per attempt): <c>Retry-After: 0</c>, or a rate-limit reset already past, must not turn the retries into a
    /// burst that hammers a server which just said it is overloaded. <see langword="null"/>: no server delay, back off.
    /// </summary>
    private static TimeSpan? ServerDelay(ResilienceContext context, int attempt, MiladyCloudClientOptions options)
    {
        if (!context.Properties.TryGetValue(ServerDelayKey, out var delay) || delay is not { } wanted)
        {
            return null;
        }

        var floor = MinimumDelay(options, attempt);
        return wanted < floor ? floor : wanted;
    }

    /// <summary>The backoff step without jitter: base × 2^attempt, at most <see cref="MiladyCloudClientOptions.MaxRetryDelay"/>.</summary>
    internal static TimeSpan MinimumDelay(MiladyCloudClientOptions options, int attempt)
    {
        var ticks = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        return ticks >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args, MiladyCloudClientOptions options)
    {
        args.Context.Properties.Set(ServerDelayKey, null);
        var request = args.Context.GetRequestMessage();
        var consumesCredits = request?.IsCreditConsuming() == true;
        var ambiguousAllowed = request?.IsNotIdempotent() != true && (!consumesCredits || options.RetryCreditConsumingRequestsOnAmbiguousFailures);
        if (request?.IsRetryForbidden() == true)
        {
            return false;
        }

        if (args.Outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException transport => TransientFailures.NeverReachedServer(transport) || ambiguousAllowed,
                TimeoutRejectedException => ambiguousAllowed,
                _ => false,
            };
        }

        var response = args.Outcome.Result!;
        return (int)response.StatusCode switch
        {
            408 => ambiguousAllowed,
            503 when request?.IsServiceUnavailableFinal() == true => false,
            429 or 503 => await ShouldRetryAfterDelayAsync(response, args.Context, options, args.Context.CancellationToken).ConfigureAwait(false),
            500 => ambiguousAllowed && !await IsPermanentFailureAsync(response, args.Context.CancellationToken).ConfigureAwait(false),
            502 or 504 => ambiguousAllowed,
            _ => false,
        };
    }

    /// <summary>Retry 429/503 unless it is missing credits, or the server asks for longer than the cap or the deadline.</summary>
    private static async ValueTask<bool> ShouldRetryAfterDelayAsync(HttpResponseMessage response, ResilienceContext context, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        var body = await BufferedBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (ErrorResponseReader.IsPermanentFailure(response.StatusCode, body))
        {
            return false;
        }

        var delay = RetryAfterHeaders.Read(response.Headers, options.TimeProvider, includeReset: response.StatusCode == HttpStatusCode.TooManyRequests)
            ?? ErrorBodyParser.Parse(body).RetryAfter
            ?? ExhaustedWithoutReset(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            delay = await AtLeastTheTrackersWaitAsync(delay, context, options, cancellationToken).ConfigureAwait(false);
        }

        if (delay is { } wanted && (wanted > options.MaxRetryDelay || PastDeadline(context, options, wanted)))
        {
            return false;
        }

        context.Properties.Set(ServerDelayKey, delay);
        return true;
    }

    /// <summary>
    /// A retry after a 429 waits at least as long as the client's replica of the server's counter says the route stays
    /// refused (it was just corrected by this very answer): retrying sooner would be refused and counted again.
    /// </summary>
    private static async ValueTask<TimeSpan?> AtLeastTheTrackersWaitAsync(TimeSpan? serverDelay, ResilienceContext context, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        var request = context.GetRequestMessage();
        if (request is null || !request.Options.TryGetValue(RequestTraits.RateLimits, out var tracker) || request.GetRoute() is not { } route)
        {
            return serverDelay;
        }

        var wait = await tracker.GetWaitAsync(route, options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return wait > (serverDelay ?? TimeSpan.Zero) ? wait : serverDelay;
    }

    /// <summary>
    /// A window reported exhausted (<c>X-RateLimit-Remaining: 0</c>) whose reset is missing or unreadable still holds:
    /// a zero server delay, which <see cref="ServerDelay"/> raises to the backoff step (never a jittered shorter one).
    /// </summary>
    private static TimeSpan? ExhaustedWithoutReset(HttpResponseMessage response)
        => RateLimitInfo.FromHeaders(response.Headers) is { IsExhausted: true } ? TimeSpan.Zero : null;

    private static bool PastDeadline(ResilienceContext context, MiladyCloudClientOptions options, TimeSpan delay)
        => context.GetRequestMessage()?.GetDeadline() is { } deadline && options.TimeProvider.GetUtcNow() + delay > deadline;

    private static async ValueTask<bool> IsPermanentFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => ErrorResponseReader.IsPermanentFailure(response.StatusCode, await BufferedBodyAsync(response, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The start of the error body, bounded. Usually already buffered by <see cref="BodyBufferingHandler"/>; otherwise read
    /// now and left in place, so the exception built later reads the same bytes instead of a spent stream.
    /// </summary>
    internal static async ValueTask<string?> BufferedBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => await ErrorBody.ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
}
