using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Error bodies in each envelope the real service uses.</summary>
internal static class ErrorBodies
{
    public static FakeErrorEnvelope RouteEnvelope(string path) => path switch
    {
        _ when path.EndsWith("/chat/completions", StringComparison.Ordinal) => FakeErrorEnvelope.OpenAI,
        _ when path.EndsWith("/embeddings", StringComparison.Ordinal) => FakeErrorEnvelope.OpenAI,
        _ when path.EndsWith("/responses", StringComparison.Ordinal) => FakeErrorEnvelope.OpenAI,
        _ when path.Contains("/models", StringComparison.Ordinal) => FakeErrorEnvelope.OpenAI,
        _ when path.EndsWith("/messages", StringComparison.Ordinal) => FakeErrorEnvelope.Anthropic,
        _ when path.Contains("/apps", StringComparison.Ordinal) || path.Contains("/containers", StringComparison.Ordinal) => FakeErrorEnvelope.SuccessFlag,
        // The profile handler writes its own body for every failure: no code.
        "/api/v1/user" => FakeErrorEnvelope.SuccessFlag,
        _ when path.EndsWith("/v1/chat", StringComparison.Ordinal) => FakeErrorEnvelope.Plain,
        _ when path.EndsWith("/voice/tts", StringComparison.Ordinal) || path.EndsWith("/voice/stt", StringComparison.Ordinal) || path.EndsWith("/voice/clone", StringComparison.Ordinal) => FakeErrorEnvelope.Plain,
        _ when path.Contains("/generate-", StringComparison.Ordinal) || path.Contains("/knowledge", StringComparison.Ordinal) || path.EndsWith("/gallery", StringComparison.Ordinal) => FakeErrorEnvelope.Plain,
        _ => FakeErrorEnvelope.Library,
    };

    public static string Build(FakeErrorEnvelope envelope, HttpStatusCode status, string message, string? type = null, string? code = null) => envelope switch
    {
        FakeErrorEnvelope.OpenAI => JsonText.Object(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type ?? OpenAIType(status));
            if (code is not null)
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
        }),
        FakeErrorEnvelope.Anthropic => JsonText.Object(w =>
        {
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", type ?? AnthropicType(status));
            w.WriteString("message", message);
            w.WriteEndObject();
        }),
        FakeErrorEnvelope.Library => JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", message);
            w.WriteString("code", code ?? LibraryCode(status));
        }),
        FakeErrorEnvelope.SuccessFlag => JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", message);
        }),
        FakeErrorEnvelope.Documented => JsonText.Object(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("code", code ?? LibraryCode(status).ToUpperInvariant());
            w.WriteString("message", message);
            w.WriteEndObject();
        }),
        _ => JsonText.Object(w => w.WriteString("error", message)),
    };

    public static string DefaultMessage(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Invalid request",
        HttpStatusCode.Unauthorized => "Invalid or expired API key",
        HttpStatusCode.Forbidden => "This feature requires a full account. Please sign up to continue.",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.ServiceUnavailable => "Service is not configured",
        _ => "An unexpected error occurred",
    };

    private static string OpenAIType(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "invalid_request_error",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "authentication_error",
        HttpStatusCode.PaymentRequired => "insufficient_quota",
        HttpStatusCode.TooManyRequests => "rate_limit_error",
        HttpStatusCode.ServiceUnavailable => "service_unavailable",
        _ => "api_error",
    };

    private static string AnthropicType(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "invalid_request_error",
        HttpStatusCode.Unauthorized => "authentication_error",
        HttpStatusCode.Forbidden => "permission_error",
        HttpStatusCode.NotFound => "not_found_error",
        HttpStatusCode.TooManyRequests => "rate_limit_error",
        _ => "api_error",
    };

    private static string LibraryCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "validation_error",
        HttpStatusCode.Unauthorized => "authentication_required",
        HttpStatusCode.PaymentRequired => "insufficient_credits",
        HttpStatusCode.Forbidden => "access_denied",
        HttpStatusCode.NotFound => "resource_not_found",
        HttpStatusCode.TooManyRequests => "rate_limit_exceeded",
        _ => "internal_error",
    };
}
