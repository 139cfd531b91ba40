namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Turns the raw bytes of one server-sent event into a frame. The seam where the hot path can be replaced by a
/// hand-written reader without touching the streaming engine.
/// </summary>
internal interface IStreamDecoder<T>
{
    /// <summary>A short name for messages, such as "chat completion".</summary>
    string StreamName { get; }

    /// <summary>
    /// The server never ends the stream and may stay silent for long (its keep-alives are comments the parser drops):
    /// no first-event or idle deadline after the headers, and the server closing it is reported as a cut connection.
    /// </summary>
    bool IsOpenEnded => false;

    StreamFrame<T> Decode(string eventType, ReadOnlySpan<byte> data);
}
