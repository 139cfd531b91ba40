namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>What one server-sent event means to the reader.</summary>
internal enum StreamFrameKind
{
    /// <summary>Nothing for the caller (a blank data line, an event type this SDK does not know).</summary>
    Skip,

    /// <summary>A typed item.</summary>
    Item,

    /// <summary>The stream's clean end; <see cref="StreamFrame{T}.Value"/> is yielded first when present.</summary>
    End,

    /// <summary>An error sent in-band.</summary>
    Error,
}

/// <summary>One decoded server-sent event.</summary>
internal readonly record struct StreamFrame<T>(StreamFrameKind Kind, T? Value, MiladyCloudException? Error)
{
    public static StreamFrame<T> Skip => new(StreamFrameKind.Skip, default, null);

    public static StreamFrame<T> Item(T value) => new(StreamFrameKind.Item, value, null);

    public static StreamFrame<T> End(T? value = default) => new(StreamFrameKind.End, value, null);

    public static StreamFrame<T> Failure(MiladyCloudException error) => new(StreamFrameKind.Error, default, error);
}
