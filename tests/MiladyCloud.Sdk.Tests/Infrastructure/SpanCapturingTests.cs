using System.Diagnostics;

namespace MiladyCloud.Sdk.Tests.Infrastructure;

/// <summary>A fixture that records every span of the SDK's activity source that stops during a test.</summary>
[NonParallelizable]
public abstract class SpanCapturingTests
{
    private readonly List<Activity> _spans = [];
    private ActivityListener? _listener;

    [SetUp]
    public void Listen()
    {
        lock (_spans)
        {
            _spans.Clear();
        }

        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MiladyCloudTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { lock (_spans) { _spans.Add(span); } },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [TearDown]
    public void StopListening() => _listener?.Dispose();

    /// <summary>Stops listening before the test ends (to check what happens when nobody listens).</summary>
    protected void StopListeningNow() => _listener!.Dispose();

    /// <summary>The stopped spans of that name, in the order they stopped.</summary>
    protected List<Activity> Spans(string name)
    {
        lock (_spans)
        {
            return _spans.Where(s => s.DisplayName == name).ToList();
        }
    }

    /// <summary>Every stopped span.</summary>
    protected List<Activity> AllSpans()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>The one stopped span of that name.</summary>
    protected Activity Single(string name) => Spans(name).Single();

    /// <summary>How many spans of that name have stopped so far.</summary>
    protected int Count(string name) => Spans(name).Count;
}
