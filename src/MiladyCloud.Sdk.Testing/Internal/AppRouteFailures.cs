using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// How the app routes fail when the app is unknown or the credential is bad. Each handler family does it its own way:
/// some catch everything and answer 500 with the error's text, some call authentication outside their try/catch (the
/// framework then answers 500 with an empty body), some have no error handling at all, and a few map errors with the
/// server's common helper.
/// </summary>
internal static class AppRouteFailures
{
    private const string AppsPrefix = "/api/v1/apps";
    private const string BadKey = "Invalid or expired API key";

    /// <summary>An error that escaped the handler: Next.js answers 500 with no body.</summary>
    public static FakeResponse EmptyServerError() => new() { Status = HttpStatusCode.InternalServerError, ContentType = "text/plain" };

    /// <summary>The answer for an id that names no app of the caller's organization.</summary>
    public static FakeResponse UnknownApp(FakeCall call, string sub) => (call.Method, sub) switch
    {
        (_, "chat") => FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, HttpStatusCode.NotFound, "App not found", "invalid_request_error", "app_not_found"), HttpStatusCode.NotFound),
        // With an API key the route checks the key against the app first.
        ("GET", "characters") when CarriesApiKey(call.Request) => FakeFormat.Failure(HttpStatusCode.Forbidden, "Invalid API key for this app"),
        (_, "twitter-automation" or "promote") => EmptyServerError(),
        _ when sub.Contains("-automation", StringComparison.Ordinal) || sub.StartsWith("promote/", StringComparison.Ordinal) => AppJson.PlainNotFound(),
        _ => AppJson.NotFound(),
    };

    /// <summary>
    /// The answer of an app route to a credential the fake does not know, or null for other routes. Without any credential
    /// the edge layer answers 401; an API key passes the edge and the handler rejects it in its own way.
    /// </summary>
    public static FakeResponse? BadCredential(string method, string path, RecordedRequest request)
    {
        var isCreateAgent = method == "POST" && path == "/api/v1/app/agents";
        if (!isCreateAgent && path != AppsPrefix && !path.StartsWith(AppsPrefix + "/", StringComparison.Ordinal))
        {
            return null;
        }

        if (!CarriesApiKey(request))
        {
            return EdgeAuth.Refusal(request);
        }

        return isCreateAgent ? FakeFormat.Failure(HttpStatusCode.InternalServerError, BadKey) : HandlerRejection(method, SubRoute(path));
    }

    private static FakeResponse HandlerRejection(string method, string sub) => (method, sub) switch
    {
        ("GET", "characters") => FakeFormat.Failure(HttpStatusCode.Unauthorized, "Authentication required"),
        (_, "earnings/withdraw" or "promote/analytics") => FakeFormat.LibraryError(HttpStatusCode.Unauthorized, BadKey, "authentication_required"),
        (_, "chat") => FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, HttpStatusCode.InternalServerError, BadKey, "api_error", "internal_server_error"), HttpStatusCode.InternalServerError),
        _ when AuthenticatesOutsideTry(sub) => EmptyServerError(),
        _ => FakeFormat.Failure(HttpStatusCode.InternalServerError, BadKey),
    };

    private static bool AuthenticatesOutsideTry(string sub)
        => sub is "deploy" or "promote" or "promote/assets" or "promote/preview"
            || sub.StartsWith("domains", StringComparison.Ordinal)
            || sub.Contains("-automation", StringComparison.Ordinal);

    /// <summary>The part after <c>/apps/{id}/</c>, or an empty string.</summary>
    private static string SubRoute(string path)
    {
        var rest = path.Length > AppsPrefix.Length + 1 ? path[(AppsPrefix.Length + 1)..] : string.Empty;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : rest[(slash + 1)..];
    }

    /// <summary>An API key (X-API-Key, or a Bearer value starting with <c>eliza_</c>) passes the edge layer unchecked.</summary>
    public static bool CarriesApiKey(RecordedRequest request)
        => request.Headers.ContainsKey("X-API-Key")
            || (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer eliza_", StringComparison.Ordinal));
}
