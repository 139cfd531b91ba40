namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The first-event and idle deadlines of a stream, restarted at every event without touching the timer: the timer
/// stays armed for the earliest deadline it was given and, when it fires, re-arms itself for whatever time remains
/// since the last restart. Rescheduling a system timer twice per event cost more than decoding the event; this costs
/// two field writes. Paused (<see cref="Timeout.InfiniteTimeSpan"/>) while the caller holds an item, because the
/// caller's time is not silence from the server. On the SDK's clock, so tests drive it with a fake one.
/// </summary>
internal sealed class StreamDeadline : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _expired = new();
    private readonly CancellationTokenSource _linked;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _since;
    private TimeSpan _timeout;
    private long _dueAt = long.MaxValue;

    public StreamDeadline(TimeSpan timeout, TimeProvider clock, CancellationToken callerToken)
    {
        _clock = clock;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _expired.Token);
        _timer = clock.CreateTimer(static state => ((StreamDeadline)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        TryReset(timeout);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>The length of the deadline most recently set (for the timeout exception).</summary>
    public TimeSpan LastTimeout { get; private set; }

    /// <summary><see langword="true"/> when the deadline (not the caller) cancelled.</summary>
    public bool TimedOut => _expired.IsCancellationRequested;

    /// <summary>Starts a new wait of <paramref name="timeout"/> from now, or pauses with <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public bool TryReset(TimeSpan timeout)
    {
        if (_expired.IsCancellationRequested)
        {
            return false;
        }

        var infinite = timeout == Timeout.InfiniteTimeSpan;
        if (!infinite)
        {
            LastTimeout = timeout;
        }

        lock (_gate)
        {
            _timeout = timeout;
            _since = _clock.GetTimestamp();
            if (!infinite)
            {
                var dueAt = _since + (long)(timeout.TotalSeconds * _clock.TimestampFrequency);
                if (dueAt < _dueAt)
                {
                    _dueAt = dueAt;
                    _timer.Change(timeout, Timeout.InfiniteTimeSpan);
                }
            }
        }

        return true;
    }

    public void Dispose()
    {
        _timer.Dispose();
        _linked.Dispose();
        _expired.Dispose();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _dueAt = long.MaxValue;
            if (_timeout == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var remaining = _timeout - _clock.GetElapsedTime(_since);
            if (remaining > TimeSpan.Zero)
            {
                _dueAt = _clock.GetTimestamp() + (long)(remaining.TotalSeconds * _clock.TimestampFrequency);
                _timer.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        try
        {
            _expired.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the timer fired.
        }
    }
}
