namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Turns the raw bytes of one server-sent event into a frame. The seam where the hot path can be replaced by a
/// hand-written reader without touching the streaming engine.
/// </summary>
internal interface IStreamDecoder<T>
{
    /// <summary>A short name for messages, such as "chat completion".</summary>
    string StreamName { get; }

    StreamFrame<T> Decode(string eventType, ReadOnlySpan<byte> data);
}
