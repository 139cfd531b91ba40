namespace MiladyCloud.Sdk.Redis;

/// <summary>
/// Settings of the fleet's shared rate-limit state in Redis (<see cref="RedisRateLimitTracker"/>). Every process of a
/// fleet must use the same <see cref="KeyPrefix"/>, <see cref="KeySecret"/> and <see cref="Database"/> to share one budget.
/// </summary>
public sealed class RedisRateLimitOptions
{
    /// <summary>
    /// The secret used when none is set (<c>MiladyCloud.Sdk.Redis/v1</c>). It is public, so with it the Redis key names
    /// only hide the API key from someone who does not already hold a candidate key to test; set your own
    /// <see cref="KeySecret"/> to rule that out.
    /// </summary>
    public const string DefaultKeySecret = "MiladyCloud.Sdk.Redis/v1";

    /// <summary>The start of every Redis key this package writes. Defaults to <c>miladycloud:rl</c>.</summary>
    public string KeyPrefix { get; set; } = "miladycloud:rl";

    /// <summary>
    /// The secret of the keyed hash (HMAC-SHA256) that turns the API key into the Redis key names: the API key itself is
    /// never written to Redis. Defaults to <see cref="DefaultKeySecret"/>.
    /// </summary>
    public string KeySecret { get; set; } = DefaultKeySecret;

    /// <summary>The Redis database number; -1 (the default) for the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// The longest one Redis round trip may take before the call is decided by this process's own replica instead
    /// (and Redis is left alone for <see cref="RetryInterval"/>). Defaults to 250 ms.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long Redis is left alone after a failure before it is tried again. Defaults to 5 seconds.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much later than the server the fleet lets a counted call age out, and a fixed window reset: it covers the
    /// difference between two calls' travel times to the server (and the clock difference between machines), which
    /// would otherwise let a call arrive a moment before the server forgets the one it replaces. Defaults to 250 ms
    /// (0.4% of a one-minute window).
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks the settings; called when a tracker is created.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(KeyPrefix, nameof(KeyPrefix));
        ArgumentException.ThrowIfNullOrEmpty(KeySecret, nameof(KeySecret));
        ArgumentOutOfRangeException.ThrowIfLessThan(Database, -1, nameof(Database));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CommandTimeout, TimeSpan.Zero, nameof(CommandTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SafetyMargin, TimeSpan.Zero, nameof(SafetyMargin));
    }

    /// <summary>A copy, so a tracker is not changed by later edits of the options it was made with.</summary>
    internal RedisRateLimitOptions Clone() => (RedisRateLimitOptions)MemberwiseClone();
}
