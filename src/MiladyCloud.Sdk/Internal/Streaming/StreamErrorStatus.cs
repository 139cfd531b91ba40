using System.Net;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>The HTTP status an in-band error type stands for (errors inside a stream arrive after a 200).</summary>
internal static class StreamErrorStatus
{
    public static HttpStatusCode FromType(string? type) => type switch
    {
        "invalid_request_error" => HttpStatusCode.BadRequest,
        "authentication_error" => HttpStatusCode.Unauthorized,
        "insufficient_quota" or "insufficient_credits" => HttpStatusCode.PaymentRequired,
        "permission_error" or "account_suspended" => HttpStatusCode.Forbidden,
        "not_found_error" => HttpStatusCode.NotFound,
        "request_too_large" => HttpStatusCode.RequestEntityTooLarge,
        "rate_limit_error" or "rate_limit_exceeded" => HttpStatusCode.TooManyRequests,
        "overloaded_error" or "service_unavailable" => HttpStatusCode.ServiceUnavailable,
        "timeout_error" => HttpStatusCode.GatewayTimeout,
        _ => HttpStatusCode.InternalServerError,
    };
}
