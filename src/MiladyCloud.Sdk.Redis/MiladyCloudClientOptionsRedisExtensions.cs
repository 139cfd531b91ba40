using MiladyCloud.Sdk.Redis;
using StackExchange.Redis;

namespace MiladyCloud.Sdk;

/// <summary>Shares a client's rate-limit budget with every process of the fleet, through Redis, without dependency injection.</summary>
public static class MiladyCloudClientOptionsRedisExtensions
{
    /// <summary>
    /// Sets <see cref="MiladyCloudClientOptions.RateLimits"/> to a <see cref="RedisRateLimitTracker"/> on
    /// <paramref name="redis"/> for <see cref="MiladyCloudClientOptions.ApiKey"/> (or <c>MILADY_CLOUD_API_KEY</c> when it
    /// is unset), so every process that uses the key shares one budget:
    /// <c>new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key }.UseRedisRateLimits(multiplexer))</c>.
    /// Share the options (or the tracker) between the clients of one process.
    /// </summary>
    /// <param name="options">The client options; <see cref="MiladyCloudClientOptions.ApiKey"/> set first.</param>
    /// <param name="redis">The connection (created with <c>abortConnect=false</c>, so a Redis down at start is retried).</param>
    /// <param name="configure">Changes to the settings.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="InvalidOperationException">No API key is set.</exception>
    public static MiladyCloudClientOptions UseRedisRateLimits(this MiladyCloudClientOptions options, IConnectionMultiplexer redis, Action<RedisRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        var apiKey = !string.IsNullOrWhiteSpace(options.ApiKey) ? options.ApiKey
            : Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY") ?? Environment.GetEnvironmentVariable("ELIZAOS_CLOUD_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new InvalidOperationException("Set ApiKey (or MILADY_CLOUD_API_KEY) before UseRedisRateLimits: the fleet's budget is the key's.");
        }

        var settings = new RedisRateLimitOptions();
        configure?.Invoke(settings);
        var logger = options.LoggerFactory is { } factory ? Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<RedisRateLimitTracker>(factory) : null;
        options.RateLimits = new RedisRateLimitTracker(redis, apiKey, settings, logger);
        return options;
    }
}
