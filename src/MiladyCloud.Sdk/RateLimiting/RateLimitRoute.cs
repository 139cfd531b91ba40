namespace MiladyCloud.Sdk;

/// <summary>What the rate-limit model knows of the route a request goes to.</summary>
/// <param name="Operation">The route as <c>METHOD /path/{param}</c>, for example <c>POST /containers</c>.</param>
/// <param name="Preset">The route's preset, or <see langword="null"/> when the server does not limit it.</param>
/// <param name="OrganizationTier">
/// The organization-tier limiter the route also passes (<c>completions</c> or <c>embeddings</c>), or
/// <see langword="null"/>. That limiter counts per organization and route family, apart from the key's counter.
/// </param>
public sealed record RateLimitRoute(string Operation, RateLimitPreset? Preset, string? OrganizationTier = null)
{
    /// <summary>
    /// The route a request goes to, as the server's rate limiter sees it: its preset, or none for a route the server
    /// does not limit (from the handlers of elizaOS/cloud; see <c>docs/rate-limits.md</c>).
    /// </summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The path from the site root, such as <c>/api/v1/containers</c> or <c>/api/credits/transactions</c>.</param>
    /// <returns>The route; <see cref="Preset"/> is <see langword="null"/> when the server does not limit it.</returns>
    public static RateLimitRoute For(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        return Internal.RateLimiting.ServerRateLimits.Lookup(method, path.TrimStart('/'), MiladyCloudRoute.Site);
    }

    /// <summary>The bucket a hold after an answer from another limiter applies to.</summary>
    internal string HoldBucket => OrganizationTier is { } tier ? "tier:" + tier : Operation;
}
