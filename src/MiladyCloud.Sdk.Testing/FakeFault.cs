using System.Net;

namespace MiladyCloud.Sdk.Testing;

/// <summary>
/// A scripted misbehaviour of the fake server, queued with <see cref="FakeFaults.Enqueue"/>. Each factory method
/// reproduces something the real service (or a proxy in front of it) does.
/// </summary>
public sealed class FakeFault
{
    private FakeFault(FakeFaultKind kind) => Kind = kind;

    /// <summary>What the fault does.</summary>
    public FakeFaultKind Kind { get; }

    /// <summary>The status of an <see cref="FakeFaultKind.ErrorResponse"/>.</summary>
    public HttpStatusCode StatusCode { get; private init; } = HttpStatusCode.InternalServerError;

    /// <summary>The error body shape.</summary>
    public FakeErrorEnvelope Envelope { get; private init; }

    /// <summary>The error message, or <see langword="null"/> for the route's usual text.</summary>
    public string? Message { get; private init; }

    /// <summary>A body sent as it is (with <see cref="ContentType"/>), replacing the envelope.</summary>
    public string? RawBody { get; private init; }

    /// <summary>The content type of <see cref="RawBody"/>.</summary>
    public string ContentType { get; private init; } = "application/json";

    /// <summary>The <c>Retry-After</c> delay of a rate-limit fault.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>When <see langword="true"/>, a rate-limit fault states its delay only through <c>X-RateLimit-Reset</c>.</summary>
    public bool ResetHeaderOnly { get; private init; }

    /// <summary>How many stream events are sent before a stream fault takes effect.</summary>
    public int AfterEvents { get; private init; }

    /// <summary>The wait of a <see cref="FakeFaultKind.SlowFirstEvent"/>.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>The error type of a stream error or an insufficient-credits fault (for example <c>api_error</c>).</summary>
    public string? ErrorType { get; private init; }

    internal bool IsStreamFault => Kind is FakeFaultKind.StreamCut or FakeFaultKind.StreamError or FakeFaultKind.SlowFirstEvent or FakeFaultKind.StreamStall;

    internal bool IsInsufficientCredits { get; private init; }

    /// <summary>429 from the rate limiter (body with <c>retryAfter</c>, <c>Retry-After</c> and <c>X-RateLimit-*</c> headers).</summary>
    /// <param name="retryAfter">The delay the server asks for; 60 seconds when omitted, as the server does.</param>
    /// <param name="resetHeaderOnly">State the delay only through <c>X-RateLimit-Reset</c> (no <c>Retry-After</c>).</param>
    /// <returns>The fault.</returns>
    public static FakeFault RateLimited(TimeSpan? retryAfter = null, bool resetHeaderOnly = false)
        => new(FakeFaultKind.ErrorResponse) { StatusCode = HttpStatusCode.TooManyRequests, RetryAfter = retryAfter ?? TimeSpan.FromSeconds(60), ResetHeaderOnly = resetHeaderOnly };

    /// <summary>
    /// Not enough credits, in the route's own way (402 for chat and embeddings, 429 <c>rate_limit_error</c> for
    /// messages) or in the given envelope.
    /// </summary>
    /// <param name="envelope">The body shape.</param>
    /// <returns>The fault.</returns>
    public static FakeFault InsufficientCredits(FakeErrorEnvelope envelope = FakeErrorEnvelope.RouteDefault)
        => new(FakeFaultKind.ErrorResponse) { StatusCode = HttpStatusCode.PaymentRequired, Envelope = envelope, IsInsufficientCredits = true, Message = "Insufficient credits. Required: $0.0123" };

    /// <summary>An error status (401, 403, 404, 500, 503 …) in the route's envelope or the given one.</summary>
    /// <param name="statusCode">The status.</param>
    /// <param name="envelope">The body shape.</param>
    /// <param name="message">The message; a realistic one when omitted.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Status(HttpStatusCode statusCode, FakeErrorEnvelope envelope = FakeErrorEnvelope.RouteDefault, string? message = null)
        => new(FakeFaultKind.ErrorResponse) { StatusCode = statusCode, Envelope = envelope, Message = message };

    /// <summary>The quirk of many routes: an invalid key answered as 500 whose text is the auth error.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault AuthFailureAsServerError()
        => new(FakeFaultKind.ErrorResponse) { StatusCode = HttpStatusCode.InternalServerError, Envelope = FakeErrorEnvelope.SuccessFlag, Message = "Invalid or expired API key" };

    /// <summary>A 502 HTML page from a proxy in front of the service.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault HtmlBadGateway()
        => Raw(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", "text/html");

    /// <summary>A response sent exactly as given.</summary>
    /// <param name="statusCode">The status.</param>
    /// <param name="body">The body (may be empty).</param>
    /// <param name="contentType">Its content type.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Raw(HttpStatusCode statusCode, string body, string contentType = "application/json")
        => new(FakeFaultKind.ErrorResponse) { StatusCode = statusCode, RawBody = body ?? string.Empty, ContentType = contentType };

    /// <summary>A stream that ends after <paramref name="afterEvents"/> events without its terminal marker (the chat route's failure mode).</summary>
    /// <param name="afterEvents">Events sent before the end.</param>
    /// <returns>The fault.</returns>
    public static FakeFault StreamCut(int afterEvents) => new(FakeFaultKind.StreamCut) { AfterEvents = CheckCount(afterEvents) };

    /// <summary>An in-band error after <paramref name="afterEvents"/> events: an <c>error</c> event on messages, an error data frame on chat.</summary>
    /// <param name="afterEvents">Events sent before the error.</param>
    /// <param name="errorType">The error type, for example <c>api_error</c> or <c>overloaded_error</c>.</param>
    /// <param name="message">The error text.</param>
    /// <returns>The fault.</returns>
    public static FakeFault StreamError(int afterEvents, string errorType = "api_error", string message = "Upstream provider failed")
        => new(FakeFaultKind.StreamError) { AfterEvents = CheckCount(afterEvents), ErrorType = errorType, Message = message };

    /// <summary>A stream whose first event comes only after <paramref name="delay"/> (real time).</summary>
    /// <param name="delay">The wait.</param>
    /// <returns>The fault.</returns>
    public static FakeFault SlowFirstEvent(TimeSpan delay) => new(FakeFaultKind.SlowFirstEvent) { Delay = delay };

    /// <summary>A stream that sends <paramref name="afterEvents"/> events and then stays silent with the connection open.</summary>
    /// <param name="afterEvents">Events sent before the silence.</param>
    /// <returns>The fault.</returns>
    public static FakeFault StreamStall(int afterEvents) => new(FakeFaultKind.StreamStall) { AfterEvents = CheckCount(afterEvents) };

    /// <summary>
    /// A 200 whose body stops after a few bytes, as when the connection is lost mid-body (the client sees truncated
    /// JSON). WireMock always completes the HTTP framing, so this is a short body, not a TCP reset.
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault TruncatedBody() => new(FakeFaultKind.TruncatedBody);

    /// <summary>
    /// A connection lost mid-response: the status line, headers and the first bytes of the body arrive, then the
    /// connection is aborted without the end of the chunked body, so the client's HTTP stack reports a transport
    /// error (not a short body). The SDK surfaces it as <see cref="MiladyCloudConnectionException"/> without a retry
    /// (the headers had arrived), or as <see cref="MiladyCloudStreamIncompleteException"/> on a stream. A drop before
    /// any response byte cannot be scripted: WireMock answers a failure that early with its own 404.
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault DroppedConnection() => new(FakeFaultKind.DroppedConnection);

    /// <inheritdoc />
    public override string ToString() => Kind == FakeFaultKind.ErrorResponse ? $"{Kind} {(int)StatusCode}" : Kind.ToString();

    private static int CheckCount(int value) => value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The event count must not be negative.");
}
