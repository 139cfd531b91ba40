namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>The values of <c>X-RateLimit-Policy</c>.</summary>
internal static class RateLimitPolicies
{
    /// <summary>A sliding log in Redis, shared by every server instance (production).</summary>
    public const string Redis = "redis";

    /// <summary>A fixed window in the memory of one server process (development, single-server deployments).</summary>
    public const string InMemory = "in-memory";
}
