using System.Collections.Concurrent;

namespace MiladyCloud.Sdk;

/// <summary>
/// The latest rate-limit snapshot the server reported for each <see cref="RateLimitCategory"/>. Reachable as
/// <see cref="MiladyCloudClient.RateLimits"/>; the client also uses it to hold requests while a window is exhausted.
/// </summary>
public class RateLimitTracker
{
    private readonly ConcurrentDictionary<RateLimitCategory, RateLimitInfo> _latest = new();

    /// <summary>Creates an empty tracker.</summary>
    public RateLimitTracker()
    {
    }

    /// <summary>The latest snapshot for a category, or <see langword="null"/> when no response has reported one yet.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public virtual RateLimitInfo? Get(RateLimitCategory category) => _latest.TryGetValue(category, out var info) ? info : null;

    /// <summary>Records a snapshot (done by the client for every response that carries rate-limit headers).</summary>
    /// <param name="category">The category the request counted against.</param>
    /// <param name="info">The snapshot.</param>
    public virtual void Record(RateLimitCategory category, RateLimitInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _latest[category] = info;
    }

    /// <summary>
    /// When the server said the category's window is exhausted and the reset is still ahead, the reset time;
    /// otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="category">The category.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The time to wait for, or <see langword="null"/>.</returns>
    public virtual DateTimeOffset? ExhaustedUntil(RateLimitCategory category, DateTimeOffset now)
        => Get(category) is { IsExhausted: true, Reset: { } reset } && reset > now ? reset : null;
}
