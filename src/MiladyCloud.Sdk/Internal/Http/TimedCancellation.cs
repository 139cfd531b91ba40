namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The caller's token combined with a deadline on the SDK's <see cref="TimeProvider"/> (so tests drive it with a fake
/// clock), telling apart which of the two fired.
/// </summary>
internal sealed class TimedCancellation : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource? _linked;

    public TimedCancellation(TimeSpan timeout, TimeProvider clock, CancellationToken callerToken)
    {
        LastTimeout = timeout;
        _timer = new CancellationTokenSource(timeout, clock);
        // A caller token that can never fire (the usual default) needs no linked source: the timer's token is the token.
        _linked = callerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token) : null;
    }

    public CancellationToken Token => _linked?.Token ?? _timer.Token;

    /// <summary>The length of the deadline most recently set (for the timeout exception).</summary>
    public TimeSpan LastTimeout { get; private set; }

    /// <summary><see langword="true"/> when the deadline (not the caller) cancelled.</summary>
    public bool TimedOut => _timer.IsCancellationRequested;

    /// <summary>Restarts the deadline (for idle timeouts between stream events).</summary>
    public bool TryReset(TimeSpan timeout)
    {
        if (_timer.IsCancellationRequested)
        {
            return false;
        }

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            LastTimeout = timeout;
        }

        _timer.CancelAfter(timeout);
        return true;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _timer.Dispose();
    }
}
