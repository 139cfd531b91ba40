namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>
/// The clock of a replayed test: it shows the time at which the live run sent the next request (so rate-limit
/// decisions see the same time they saw live), delays complete at once (nobody waits for a retry or a hold), and
/// deadlines never expire (recorded answers arrive at once).
/// </summary>
internal sealed class ReplayClock(Func<DateTimeOffset> now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new ReplayTimer(callback, state, dueTime);

    /// <summary>A delay (Task.Delay's state is the delay task) fires at once; every other timer is a deadline.</summary>
    private sealed class ReplayTimer : ITimer
    {
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public ReplayTimer(TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && _state is Task)
            {
                ThreadPool.QueueUserWorkItem(static t => t.Fire(), this, preferLocal: false);
            }

            return true;
        }

        private void Fire() => _callback(_state);

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
