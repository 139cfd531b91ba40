using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The SDK's log events. Only methods, paths, statuses and timings are logged: never headers, bodies or credentials.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Sending {Method} {Path}")]
    public static partial void Sending(ILogger logger, string method, string path);

    [LoggerMessage(2, LogLevel.Information, "{Method} {Path} answered {Status} in {ElapsedMs:F0} ms")]
    public static partial void Answered(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "{Method} {Path} failed: {Error}")]
    public static partial void Failed(ILogger logger, string method, string path, string error);

    [LoggerMessage(4, LogLevel.Warning, "Retry {Attempt} of {Method} {Path} in {DelayMs:F0} ms")]
    public static partial void RetryScheduled(ILogger logger, int attempt, string method, string path, double delayMs);

    [LoggerMessage(5, LogLevel.Information, "Holding {Operation} until {Until:O}: the server would refuse it before then (rate limit)")]
    public static partial void Holding(ILogger logger, string operation, DateTimeOffset until);

    [LoggerMessage(6, LogLevel.Debug, "The {Stream} stream started")]
    public static partial void StreamStarted(ILogger logger, string stream);

    [LoggerMessage(7, LogLevel.Debug, "The {Stream} stream ended after {Items} item(s)")]
    public static partial void StreamEnded(ILogger logger, string stream, int items);
}
