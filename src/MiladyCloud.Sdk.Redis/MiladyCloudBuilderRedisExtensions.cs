using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares a registration's rate-limit budget with every process of the fleet, through Redis.</summary>
public static class MiladyCloudBuilderRedisExtensions
{
    /// <summary>
    /// Makes this registration's <see cref="RateLimitTracker"/> a <see cref="RedisRateLimitTracker"/> on
    /// <paramref name="redis"/>, keyed by the registration's API key (read when the first client is created), so every
    /// process that uses the same key shares one budget: <c>services.AddMiladyCloud(...).AddRedisRateLimits(multiplexer)</c>.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="redis">The connection (created with <c>abortConnect=false</c>, so a Redis down at start is retried).</param>
    /// <param name="configure">Changes to the settings.</param>
    /// <returns>The builder.</returns>
    public static MiladyCloudBuilder AddRedisRateLimits(this MiladyCloudBuilder builder, IConnectionMultiplexer redis, Action<RedisRateLimitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return AddRedisRateLimits(builder, _ => redis, configure);
    }

    /// <summary>
    /// Like <see cref="AddRedisRateLimits(MiladyCloudBuilder, IConnectionMultiplexer, Action{RedisRateLimitOptions}?)"/>,
    /// with the <see cref="IConnectionMultiplexer"/> registered in the container.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Changes to the settings.</param>
    /// <returns>The builder.</returns>
    public static MiladyCloudBuilder AddRedisRateLimits(this MiladyCloudBuilder builder, Action<RedisRateLimitOptions>? configure = null)
        => AddRedisRateLimits(builder, provider => provider.GetRequiredService<IConnectionMultiplexer>(), configure);

    private static MiladyCloudBuilder AddRedisRateLimits(MiladyCloudBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> redis, Action<RedisRateLimitOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new RedisRateLimitOptions();
        configure?.Invoke(settings);
        settings.Validate();
        var name = builder.Name;
        RateLimitTracker Create(IServiceProvider provider)
        {
            var options = provider.GetRequiredService<IOptionsMonitor<MiladyCloudClientOptions>>().Get(name ?? Options.Options.DefaultName);
            var logger = (options.LoggerFactory ?? provider.GetService<ILoggerFactory>())?.CreateLogger<RedisRateLimitTracker>();
            return new RedisRateLimitTracker(redis(provider), ApiKeyOf(options), settings, logger);
        }

        // The registration's tracker is one singleton (AddMiladyCloud adds it): this one takes its place.
        var existing = builder.Services.Where(d => d.ServiceType == typeof(RateLimitTracker) && Equals(d.ServiceKey, name)).ToList();
        foreach (var descriptor in existing)
        {
            builder.Services.Remove(descriptor);
        }

        if (name is null)
        {
            builder.Services.AddSingleton(Create);
        }
        else
        {
            builder.Services.AddKeyedSingleton(name, (provider, _) => Create(provider));
        }

        return builder;
    }

    private static string ApiKeyOf(MiladyCloudClientOptions options)
        => string.IsNullOrWhiteSpace(options.ApiKey)
            ? throw new InvalidOperationException("AddRedisRateLimits needs the registration's ApiKey (or MILADY_CLOUD_API_KEY): the fleet's budget is the key's.")
            : options.ApiKey;
}
