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
        DelayGenerator = static args => ValueTask.FromResult(
            args.Context.Properties.TryGetValue(ServerDelayKey, out var delay) ? delay : null),
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

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args, MiladyCloudClientOptions options)
    {
        args.Context.Properties.Set(ServerDelayKey, null);
        var request = args.Context.GetRequestMessage();
        var consumesCredits = request?.IsCreditConsuming() == true;
        var ambiguousAllowed = !consumesCredits || options.RetryCreditConsumingRequestsOnAmbiguousFailures;
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
            500 => ambiguousAllowed && !await IsAuthFailureAsync(response, args.Context.CancellationToken).ConfigureAwait(false),
            502 or 504 => ambiguousAllowed,
            _ => false,
        };
    }

    /// <summary>Retry 429/503 unless it is missing credits, or the server asks for longer than the cap or the deadline.</summary>
    private static async ValueTask<bool> ShouldRetryAfterDelayAsync(HttpResponseMessage response, ResilienceContext context, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        var body = await BufferedBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (ErrorResponseReader.IsInsufficientCredits(response.StatusCode, body))
        {
            return false;
        }

        var delay = RetryAfterHeaders.Read(response.Headers, options.TimeProvider, includeReset: response.StatusCode == HttpStatusCode.TooManyRequests)
            ?? ErrorBodyParser.Parse(body).RetryAfter;
        if (delay is { } wanted && (wanted > options.MaxRetryDelay || PastDeadline(context, options, wanted)))
        {
            return false;
        }

        context.Properties.Set(ServerDelayKey, delay);
        return true;
    }

    private static bool PastDeadline(ResilienceContext context, MiladyCloudClientOptions options, TimeSpan delay)
        => context.GetRequestMessage()?.GetDeadline() is { } deadline && options.TimeProvider.GetUtcNow() + delay > deadline;

    private static async ValueTask<bool> IsAuthFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => ErrorResponseReader.IsAuthFailure(response.StatusCode, await BufferedBodyAsync(response, cancellationToken).ConfigureAwait(false));

    /// <summary>Error bodies are small; buffering keeps them readable for the exception built later.</summary>
    internal static async ValueTask<string?> BufferedBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(ErrorResponseReader.MaxBodyChars * 4L, cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }
    }
}
