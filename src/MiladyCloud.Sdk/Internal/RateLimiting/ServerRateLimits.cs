namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>
/// Which of the server's routes are rate-limited, and by which preset (read from each route's handler in elizaOS/cloud
/// and recorded as <c>x-rate-limit</c> in openapi.json; a test keeps the two equal). A route not listed has no limit
/// and is never held. Paths are as in openapi.json: relative to <c>/api/v1</c>, or to the site root when they start
/// with <c>/api/</c>.
/// </summary>
internal static class ServerRateLimits
{
    private static readonly RouteTemplate[] Limited =
    [
        new("POST", "/chat/completions", RateLimitPreset.Relaxed, "completions"),
        new("POST", "/messages", RateLimitPreset.Relaxed, null),
        new("POST", "/embeddings", RateLimitPreset.Relaxed, "embeddings"),
        new("POST", "/generate-image", RateLimitPreset.Standard, null),
        new("POST", "/generate-video", RateLimitPreset.Critical, null),
        new("POST", "/containers", RateLimitPreset.Critical, null),
        new("DELETE", "/containers/{id}", RateLimitPreset.Standard, null),
        new("POST", "/containers/credentials", RateLimitPreset.Strict, null),
        new("GET", "/credits/summary", RateLimitPreset.Standard, null),
        new("GET", "/billing/settings", RateLimitPreset.Standard, null),
        new("PUT", "/billing/settings", RateLimitPreset.Standard, null),
        new("POST", "/api/auto-top-up/trigger", RateLimitPreset.Strict, null),
        new("GET", "/api/credits/transactions", RateLimitPreset.Standard, null),
        new("GET", "/api/quotas/usage", RateLimitPreset.Standard, null),
        new("GET", "/api/invoices/list", RateLimitPreset.Standard, null),
        new("GET", "/api/invoices/{id}", RateLimitPreset.Standard, null),
        new("GET", "/api/crypto/payments", RateLimitPreset.Standard, null),
        new("GET", "/api/crypto/payments/{id}", RateLimitPreset.Standard, null),
        new("POST", "/api-keys/{id}/regenerate", RateLimitPreset.Strict, null),
        new("GET", "/user", RateLimitPreset.Standard, null),
        new("PATCH", "/user", RateLimitPreset.Standard, null),
        new("POST", "/user/wallets/provision", RateLimitPreset.Standard, null),
        new("POST", "/app/agents", RateLimitPreset.Standard, null),
        new("GET", "/knowledge", RateLimitPreset.Standard, null),
        new("POST", "/knowledge", RateLimitPreset.Standard, null),
        new("POST", "/knowledge/upload-file", RateLimitPreset.Standard, null),
        new("POST", "/knowledge/query", RateLimitPreset.Standard, null),
        new("GET", "/knowledge/check", RateLimitPreset.Standard, null),
        new("DELETE", "/knowledge/{id}", RateLimitPreset.Standard, null),
        new("POST", "/knowledge/pre-upload", RateLimitPreset.Standard, null),
        new("DELETE", "/knowledge/pre-upload", RateLimitPreset.Standard, null),
        new("POST", "/knowledge/submit", RateLimitPreset.Standard, null),
        new("GET", "/apps/{id}/analytics/requests", RateLimitPreset.Standard, null),
        new("POST", "/apps/{id}/deploy", RateLimitPreset.Standard, null),
        new("POST", "/apps/{id}/earnings/withdraw", RateLimitPreset.Critical, null),
        new("POST", "/apps/{id}/regenerate-api-key", RateLimitPreset.Strict, null),
        new("POST", "/apps/{id}/chat", RateLimitPreset.Standard, null),
        new("POST", "/responses", RateLimitPreset.Relaxed, "completions"),
        new("POST", "/chat", RateLimitPreset.Standard, null),
    ];

    /// <summary>The limited routes, as <c>METHOD /path</c> and preset (for the spec test).</summary>
    public static IEnumerable<RateLimitRoute> All => Limited.Select(template => template.Route);

    /// <summary>The route a request goes to: its preset when it has one, else a route the server does not limit.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="relativePath">The path relative to its root, possibly with a query.</param>
    /// <param name="root">Which root <paramref name="relativePath"/> is relative to.</param>
    public static RateLimitRoute Lookup(HttpMethod method, string relativePath, MiladyCloudRoute root)
    {
        var path = relativePath.AsSpan();
        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
        {
            path = path[..query];
        }

        path = path.Trim('/');
        if (root == MiladyCloudRoute.Site && path.StartsWith("api/v1/", StringComparison.Ordinal))
        {
            // The same /api/v1 route reached from the site root (the escape hatch allows it).
            path = path["api/v1".Length..];
        }

        var specPath = "/" + path.Trim('/').ToString();
        foreach (var template in Limited)
        {
            if (template.Matches(method.Method, specPath))
            {
                return template.Route;
            }
        }

        return new RateLimitRoute(method.Method + " " + specPath, Preset: null);
    }

    private sealed class RouteTemplate(string method, string path, RateLimitPreset preset, string? tier)
    {
        private readonly string[] _segments = path.Trim('/').Split('/');

        public RateLimitRoute Route { get; } = new(method + " " + path, preset, tier);

        public bool Matches(string requestMethod, string requestPath)
        {
            if (!string.Equals(method, requestMethod, StringComparison.Ordinal))
            {
                return false;
            }

            var segments = requestPath.AsSpan().Trim('/');
            var index = 0;
            foreach (var range in segments.Split('/'))
            {
                if (index == _segments.Length)
                {
                    return false;
                }

                var expected = _segments[index++];
                if (expected[0] != '{' && !segments[range].SequenceEqual(expected))
                {
                    return false;
                }
            }

            return index == _segments.Length;
        }
    }
}
