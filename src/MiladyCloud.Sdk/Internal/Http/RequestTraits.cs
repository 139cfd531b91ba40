namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Facts about a request that the handlers below the client need (retry rules, rate-limit grouping), carried in
/// <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal static class RequestTraits
{
    /// <summary>The call spends credits: after an ambiguous failure it must not be repeated by default.</summary>
    public static readonly HttpRequestOptionsKey<bool> ConsumesCredits = new("MiladyCloud.ConsumesCredits");

    /// <summary>
    /// A repeat would do the work again (another copy, another stack update): after an ambiguous failure (a timeout,
    /// a 500/502/504 or a connection lost mid-request) it is never repeated, whatever the options say; failures where the
    /// server certainly did nothing (connection never made, 429, 503) are still retried.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("MiladyCloud.NotIdempotent");

    /// <summary>The route may answer 200 with <c>success:false</c>, which is then the typed error.</summary>
    public static readonly HttpRequestOptionsKey<bool> SuccessFlagInBody = new("MiladyCloud.SuccessFlagInBody");

    /// <summary>The route the call goes to, as the rate-limit model knows it (its preset, if any).</summary>
    public static readonly HttpRequestOptionsKey<RateLimitRoute> Route = new("MiladyCloud.RateLimitRoute");

    /// <summary>The tracker that paces this call, read by the per-attempt rate-limit handler.</summary>
    public static readonly HttpRequestOptionsKey<RateLimitTracker> RateLimits = new("MiladyCloud.RateLimits");

    /// <summary>The next attempt was already counted by the gate (the first one); later attempts count themselves.</summary>
    public static readonly HttpRequestOptionsKey<bool> AttemptCounted = new("MiladyCloud.AttemptCounted");

    /// <summary>Set once an attempt's answer has been reported to the tracker.</summary>
    public static readonly HttpRequestOptionsKey<bool> AnswerRecorded = new("MiladyCloud.AnswerRecorded");

    /// <summary>The request must never be sent twice (for example its body is a stream that cannot be rewound).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("MiladyCloud.NoRetry");

    /// <summary>
    /// A 503 from this route is not a sign of a passing outage: the route wraps every upstream failure in it, requests
    /// the model provider rejected included, so it is not retried (a 429 still is).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> ServiceUnavailableIsFinal = new("MiladyCloud.ServiceUnavailableIsFinal");

    /// <summary>The time by which the whole call must be done; retries that would wait past it are not made.</summary>
    public static readonly HttpRequestOptionsKey<DateTimeOffset> Deadline = new("MiladyCloud.Deadline");

    /// <summary>A longer per-attempt timeout for routes that are slow by nature (image and video generation).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("MiladyCloud.AttemptTimeout");

    /// <summary>The caller wants the whole body in memory: it is read inside each attempt, under its timeout.</summary>
    public static readonly HttpRequestOptionsKey<bool> BufferBody = new("MiladyCloud.BufferBody");

    /// <summary>Set while the current attempt reads its body, so a timeout then is reported as a body timeout.</summary>
    public static readonly HttpRequestOptionsKey<bool> ReadingBody = new("MiladyCloud.ReadingBody");

    /// <summary>The client's <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>, for the handlers that read bodies.</summary>
    public static readonly HttpRequestOptionsKey<long> ResponseLimit = new("MiladyCloud.ResponseLimit");

    /// <summary>Records the traits of <paramref name="send"/> on the request (only those set: most requests set none).</summary>
    public static void Apply(HttpRequestMessage request, SendOptions send, TimeSpan configuredAttemptTimeout)
    {
        Set(request, ConsumesCredits, send.Has(SendFlags.ConsumesCredits));
        Set(request, NotIdempotent, send.Has(SendFlags.NotIdempotent));
        Set(request, NoRetry, send.Has(SendFlags.NoRetry));
        Set(request, ServiceUnavailableIsFinal, send.Has(SendFlags.ServiceUnavailableIsFinal));
        Set(request, SuccessFlagInBody, send.Has(SendFlags.SuccessFlagInBody));
        if (send.MinimumAttemptTimeout > TimeSpan.Zero)
        {
            WithAttemptTimeoutAtLeast(request, send.MinimumAttemptTimeout, configuredAttemptTimeout);
        }
    }

    private static void Set(HttpRequestMessage request, HttpRequestOptionsKey<bool> key, bool value)
    {
        if (value)
        {
            request.SetFlag(key, true);
        }
    }

    public static bool ReportsFailureInBody(this HttpRequestMessage request)
        => request.Options.TryGetValue(SuccessFlagInBody, out var value) && value;

    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>
    /// Sets a flag without boxing: a call sets half a dozen of them, and <see cref="HttpRequestOptions.Set{TValue}"/>
    /// would box each. <see cref="HttpRequestOptions.TryGetValue{TValue}"/> reads the shared boxes back as usual.
    /// </summary>
    public static void SetFlag(this HttpRequestMessage request, HttpRequestOptionsKey<bool> key, bool value)
        => ((IDictionary<string, object?>)request.Options)[key.Key] = value ? True : False;

    /// <summary>The most bytes of this request's answer that may be held (the default when the pipeline did not say).</summary>
    public static long GetResponseLimit(this HttpRequestMessage? request)
        => request is not null && request.Options.TryGetValue(ResponseLimit, out var value) ? value : MiladyCloudClientOptions.DefaultMaxResponseBytes;

    public static bool WantsBufferedBody(this HttpRequestMessage request)
        => request.Options.TryGetValue(BufferBody, out var value) && value;

    public static bool WasReadingBody(this HttpRequestMessage request)
        => request.Options.TryGetValue(ReadingBody, out var value) && value;

    private static void WithAttemptTimeoutAtLeast(HttpRequestMessage request, TimeSpan minimum, TimeSpan configured)
    {
        if (configured != Timeout.InfiniteTimeSpan && configured < minimum)
        {
            request.Options.Set(AttemptTimeout, minimum);
        }
    }

    public static TimeSpan? GetAttemptTimeout(this HttpRequestMessage request)
        => request.Options.TryGetValue(AttemptTimeout, out var value) ? value : null;

    public static bool IsServiceUnavailableFinal(this HttpRequestMessage request)
        => request.Options.TryGetValue(ServiceUnavailableIsFinal, out var value) && value;

    public static bool IsRetryForbidden(this HttpRequestMessage request)
        => request.Options.TryGetValue(NoRetry, out var value) && value;

    public static DateTimeOffset? GetDeadline(this HttpRequestMessage request)
        => request.Options.TryGetValue(Deadline, out var value) ? value : null;

    public static bool IsNotIdempotent(this HttpRequestMessage request)
        => request.Options.TryGetValue(NotIdempotent, out var value) && value;

    public static bool IsCreditConsuming(this HttpRequestMessage request)
        => request.Options.TryGetValue(ConsumesCredits, out var value) && value;

    public static RateLimitRoute? GetRoute(this HttpRequestMessage request)
        => request.Options.TryGetValue(Route, out var value) ? value : null;

    public static bool TakeFlag(this HttpRequestMessage request, HttpRequestOptionsKey<bool> key)
    {
        if (request.Options.TryGetValue(key, out var value) && value)
        {
            request.SetFlag(key, false);
            return true;
        }

        return false;
    }
}
