using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The service's edge (<c>proxy.ts</c>), which runs before every route: it lets an API key through unchecked (the
/// handlers verify keys), lets the paths on its public list through, and answers every other <c>/api</c> request that
/// has no valid browser session itself, before the route's rate limiter and handler.
/// </summary>
internal static class EdgeAuth
{
    /// <summary>The edge's public paths that concern the SDK's routes (each also covers the paths under it).</summary>
    private static readonly string[] PublicPaths =
    [
        "/api/models", "/api/public", "/api/affiliate", "/api/agents", "/api/mcp", "/api/mcps", "/api/a2a",
        "/api/stripe/credit-packs", "/api/v1/generate-image", "/api/v1/generate-video", "/api/v1/chat",
        "/api/v1/messages", "/api/v1/responses", "/api/v1/embeddings", "/api/v1/models", "/api/v1/credits/topup",
        "/api/v1/topup", "/api/v1/track", "/api/v1/discovery", "/api/v1/app-auth", "/api/v1/oauth/providers",
    ];

    /// <summary>Whether the edge lets a request to this path through without looking at its credentials.</summary>
    public static bool IsPublic(string path)
        => PublicPaths.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal))
            || (FakePaths.TryResource(path, "/api/v1/apps", out _, out var appRest) && appRest == "public")
            || (FakePaths.TryResource(path, AgentPaths.Characters, out _, out var characterRest) && characterRest == "public");

    /// <summary>
    /// The edge's answer to a request without an API key that the fake's session does not authenticate: "Unauthorized"
    /// when it carries no token at all, "Invalid authentication token" when its token (a cookie or a Bearer value that is
    /// not a key) fails verification.
    /// </summary>
    public static FakeResponse Refusal(RecordedRequest request)
    {
        var message = request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("Cookie") ? "Invalid authentication token" : "Unauthorized";
        return FakeFormat.LibraryError(HttpStatusCode.Unauthorized, message, "authentication_required");
    }
}
