using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk;

/// <summary>
/// An error response from the elizaOS Cloud API. Subclasses name the common cases
/// (<see cref="MiladyCloudUnauthorizedException"/>, <see cref="MiladyCloudRateLimitedException"/> …); this type itself is the
/// fallback for any other status. Whatever envelope the server used, the same properties are filled.
/// </summary>
public class MiladyCloudApiException : MiladyCloudException
{
    private MiladyCloudErrorCode _errorCode;
    private string? _serverCode;
    private string? _serverType;
    private string? _serverMessage;
    private JsonElement? _details;
    private string? _requestId;
    private RateLimitInfo? _rateLimit;
    private TimeSpan? _retryAfter;
    private bool _permanent;

    /// <summary>Creates an API exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudApiException(string message, HttpStatusCode statusCode, string? rawBody, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RawBody = rawBody;
    }

    /// <summary>The HTTP status code of the response (200 when the server reported failure inside a 200 body).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The SDK's normalized error code, derived from the server's code, type and status.</summary>
    public MiladyCloudErrorCode ErrorCode { get => _errorCode; init => _errorCode = value; }

    /// <summary>The server's own error code string as sent (for example <c>insufficient_credits</c>), if any.</summary>
    public string? ServerCode { get => _serverCode; init => _serverCode = value; }

    /// <summary>The server's own error type string as sent (for example <c>invalid_request_error</c>), if any.</summary>
    public string? ServerType { get => _serverType; init => _serverType = value; }

    /// <summary>The server's error message, without the SDK's prefix; <see langword="null"/> when the body had none.</summary>
    public string? ServerMessage { get => _serverMessage; init => _serverMessage = value; }

    /// <summary>Extra detail the server sent (its shape differs by route, so it is kept as raw JSON).</summary>
    public JsonElement? Details { get => _details; init => _details = value; }

    /// <summary>The response body exactly as received (may be HTML, text or empty); credentials are masked.</summary>
    public string? RawBody { get; }

    /// <summary>A request id, when the response carried one.</summary>
    public string? RequestId { get => _requestId; init => _requestId = value; }

    /// <summary>The rate-limit headers of the response, when present.</summary>
    public RateLimitInfo? RateLimit { get => _rateLimit; init => _rateLimit = value; }

    /// <summary>How long the server asked the client to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get => _retryAfter; init => _retryAfter = value; }

    /// <summary>
    /// Whether sending the same request again later may succeed. Not for an answer the server marks as permanent, such
    /// as a 503 <c>ai_not_configured</c> or <c>model_not_configured</c> (no provider is configured for the model).
    /// </summary>
    public virtual bool IsRetryable => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        or HttpStatusCode.InternalServerError
        && !_permanent && !Internal.ErrorResponseReader.IsPermanentCode(ServerCode);

    /// <summary>Marks an answer its route only ever gives for a permanent condition (a 503 that wraps a missing provider).</summary>
    internal void MarkPermanent() => _permanent = true;

    /// <summary>Fills the response facts after construction (the SDK builds the subclass first, then the common state).</summary>
    internal void SetResponseFacts(MiladyCloudErrorCode errorCode, string? serverCode, string? serverType, string? serverMessage,
        JsonElement? details, string? requestId, RateLimitInfo? rateLimit, TimeSpan? retryAfter)
    {
        _errorCode = errorCode;
        _serverCode = serverCode;
        _serverType = serverType;
        _serverMessage = serverMessage;
        _details = details;
        _requestId = requestId;
        _rateLimit = rateLimit;
        _retryAfter = retryAfter;
    }
}
