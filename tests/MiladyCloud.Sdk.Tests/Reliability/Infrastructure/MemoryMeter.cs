using System.Diagnostics.Tracing;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// An upper bound of the managed memory a piece of code held at its peak, exact and independent of when the garbage
/// collector runs: every byte it allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) plus the most bytes it
/// had rented from <see cref="System.Buffers.ArrayPool{T}"/> at once (the pool's own event source reports each rent
/// and return). Counting rents matters: an array taken from the pool was allocated earlier, by another call, and
/// would not show in the allocation count although the code holds it.
/// </summary>
internal sealed class MemoryMeter : EventListener
{
    private readonly Dictionary<int, long> _rented = [];
    private long _outstanding;
    private long _peakOutstanding;
    private long _allocatedAtStart;
    private bool _measuring;

    /// <summary>Runs <paramref name="action"/> and returns its outcome and the bound of the memory it held.</summary>
    public static async Task<(Exception? Outcome, long PeakBytes)> MeasureAsync(Func<Task<Exception?>> action)
    {
        using var meter = new MemoryMeter();
        meter.Start();
        var outcome = await action();
        return (outcome, meter.Stop());
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not ("BufferRented" or "BufferReturned") || eventData.Payload is not { } payload)
        {
            return;
        }

        var id = Convert.ToInt32(payload[eventData.PayloadNames!.IndexOf("bufferId")], System.Globalization.CultureInfo.InvariantCulture);
        var size = Convert.ToInt64(payload[eventData.PayloadNames.IndexOf("bufferSize")], System.Globalization.CultureInfo.InvariantCulture);
        lock (_rented)
        {
            if (!_measuring)
            {
                return;
            }

            if (eventData.EventName == "BufferRented")
            {
                _rented[id] = size;
                _outstanding += size;
                _peakOutstanding = Math.Max(_peakOutstanding, _outstanding);
            }
            else if (_rented.Remove(id, out var rentedSize))
            {
                _outstanding -= rentedSize;
            }
        }
    }

    private void Start()
    {
        lock (_rented)
        {
            _measuring = true;
        }

        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    }

    private long Stop()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
        lock (_rented)
        {
            _measuring = false;
            return allocated + _peakOutstanding;
        }
    }
}
