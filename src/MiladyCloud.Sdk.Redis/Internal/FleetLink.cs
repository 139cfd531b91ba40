using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Redis.Internal;

/// <summary>
/// Whether Redis may be asked now: a circuit that opens at the first failure (one warning), lets no call wait on Redis
/// for <see cref="RedisRateLimitOptions.RetryInterval"/>, then tries again once the multiplexer (which reconnects by
/// itself) says it is connected. Each Redis call gets <see cref="RedisRateLimitOptions.CommandTimeout"/>; no Redis
/// failure ever reaches the caller.
/// </summary>
internal sealed class FleetLink(IConnectionMultiplexer redis, RedisRateLimitOptions options, ILogger logger)
{
    private readonly Lock _gate = new();
    private bool _down;
    private long _retryAt;

    /// <summary>Runs one script, or returns <see langword="null"/> (and the reason) when Redis cannot answer in time.</summary>
    public async ValueTask<(RedisResult? Result, string? Failure)> TryEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        if (!MayTry())
        {
            return (null, "unavailable");
        }

        Task<RedisResult> pending;
        try
        {
            pending = redis.GetDatabase(options.Database).ScriptEvaluateAsync(script, keys, values);
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException or InvalidOperationException)
        {
            return (null, Fail(exception));
        }

        try
        {
            var result = await pending.WaitAsync(options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            Succeeded();
            return (result, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Observe(pending);
            throw;
        }
        catch (Exception exception)
        {
            // Slow, lost or failing: the caller goes on without Redis (fail open, as the server's own limiter does).
            Observe(pending);
            return (null, Fail(exception));
        }
    }

    private bool MayTry()
    {
        lock (_gate)
        {
            if (_down && Stopwatch.GetTimestamp() < _retryAt)
            {
                return false;
            }
        }

        if (redis.IsConnected)
        {
            return true;
        }

        Fail(null);
        return false;
    }

    private string Fail(Exception? exception)
    {
        var reason = exception switch
        {
            null => "not connected",
            TimeoutException or RedisTimeoutException => "no answer within " + options.CommandTimeout.TotalMilliseconds + " ms",
            RedisConnectionException => "connection lost",
            _ => exception.GetType().Name,
        };
        bool first;
        lock (_gate)
        {
            first = !_down;
            _down = true;
            _retryAt = Stopwatch.GetTimestamp() + (long)(options.RetryInterval.TotalSeconds * Stopwatch.Frequency);
        }

        if (first)
        {
            Log.FleetUnavailable(logger, reason);
        }

        return exception is null ? "unavailable" : exception is TimeoutException or RedisTimeoutException ? "timeout" : "error";
    }

    private void Succeeded()
    {
        bool recovered;
        lock (_gate)
        {
            recovered = _down;
            _down = false;
        }

        if (recovered)
        {
            Log.FleetBack(logger);
        }
    }

    /// <summary>A call abandoned at its timeout may still fail later: its exception is observed, not left unobserved.</summary>
    private static void Observe(Task task)
        => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
