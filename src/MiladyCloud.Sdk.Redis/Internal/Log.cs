using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk.Redis.Internal;

/// <summary>The package's log messages. None carries the API key or the Redis key names.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The fleet's rate-limit state in Redis is unavailable ({Reason}); this process paces by its own replica until Redis answers again")]
    public static partial void FleetUnavailable(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Information, "The fleet's rate-limit state in Redis answers again; the fleet paces together")]
    public static partial void FleetBack(ILogger logger);
}
