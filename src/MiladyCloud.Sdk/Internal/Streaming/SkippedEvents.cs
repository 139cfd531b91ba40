namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>How many events of one stream the decoder skipped because their type is unknown to this SDK.</summary>
internal sealed class SkippedEvents
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
