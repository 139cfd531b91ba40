using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace MiladyCloud.Sdk.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells a test when the code under test has started a delay, and for how long, so the test advances
/// the clock only once the delay's timer exists: no advance is lost to a race and no real time is waited. Only delays
/// count (a <c>Task.Delay</c> timer's state is the delay task); the deadlines a call arms are left out.
/// </summary>
internal sealed class DelaySignalingClock : FakeTimeProvider
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _started = new(0);
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public DelaySignalingClock()
    {
    }

    public DelaySignalingClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Waits (bounded) for the next delay to start; returns how long it is.</summary>
    public async Task<TimeSpan> NextDelayAsync()
    {
        Assert.That(await _started.WaitAsync(Bound), Is.True, "no delay started");
        Assert.That(_dueTimes.TryDequeue(out var due), Is.True);
        return due;
    }

    /// <summary>Waits for the next delay to start, or for <paramref name="done"/> to finish; true when a delay started.</summary>
    public async Task<bool> NextDelayAsync(Task done)
    {
        var started = _started.WaitAsync(Bound);
        if (await Task.WhenAny(started, done) != started || !await started)
        {
            return false;
        }

        _dueTimes.TryDequeue(out _);
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is Task)
        {
            _dueTimes.Enqueue(dueTime);
            _started.Release();
        }

        return timer;
    }
}
