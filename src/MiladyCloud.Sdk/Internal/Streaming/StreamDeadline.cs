namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The first-event and idle deadlines of a stream. They count only while the reader actually waits for the server:
/// <see cref="Wait"/> is called when a read cannot complete at once, <see cref="Pause"/> when it has. An event
/// already buffered costs nothing (no clock read, no lock), and the caller's time between items is never counted,
/// because it is not silence from the server. The timer stays armed for the earliest deadline it was given and, when
/// it fires, re-arms itself for whatever remains of the current wait (or does nothing when no wait is under way), so
/// it is not rescheduled per event either. On the SDK's clock, so tests drive it with a fake one.
/// </summary>
internal sealed class StreamDeadline : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _expired = new();
    private readonly CancellationTokenSource _linked;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _since;
    private TimeSpan _timeout = Timeout.InfiniteTimeSpan;
    private long _dueAt = long.MaxValue;
    private volatile bool _waiting;

    /// <summary>Starts waiting at once: the deadline covers sending the request and receiving the headers.</summary>
    public StreamDeadline(TimeSpan timeout, TimeProvider clock, CancellationToken callerToken)
    {
        _clock = clock;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _expired.Token);
        _timer = clock.CreateTimer(static state => ((StreamDeadline)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Wait(timeout);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>The length of the deadline most recently set (for the timeout exception).</summary>
    public TimeSpan LastTimeout { get; private set; }

    /// <summary><see langword="true"/> when the deadline (not the caller) cancelled.</summary>
    public bool TimedOut => _expired.IsCancellationRequested;

    /// <summary>A wait for the server starts now and may last <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: no limit).</summary>
    public void Wait(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _waiting = false;
            return;
        }

        LastTimeout = timeout;
        lock (_gate)
        {
            _timeout = timeout;
            _since = _clock.GetTimestamp();
            _waiting = true;
            var dueAt = _since + (long)(timeout.TotalSeconds * _clock.TimestampFrequency);
            if (dueAt < _dueAt)
            {
                _dueAt = dueAt;
                _timer.Change(timeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The wait is over (the server answered); a plain field write, so it can run per event.</summary>
    public void Pause() => _waiting = false;

    /// <summary>
    /// The server sent something (a line) while a wait is under way: the wait counts again from now. Nothing happens
    /// when no wait is under way (a line taken from the buffer), so it can run per line.
    /// </summary>
    public void Restart()
    {
        if (!_waiting)
        {
            return;
        }

        lock (_gate)
        {
            if (_waiting)
            {
                _since = _clock.GetTimestamp();
            }
        }
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
            if (!_waiting)
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
