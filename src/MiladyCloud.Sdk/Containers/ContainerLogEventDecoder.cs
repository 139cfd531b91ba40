using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Live container log events: data-only JSON with a <c>type</c> of <c>log</c> or <c>error</c>. A failed poll is an
/// event the caller sees, not a failure of the stream: the server keeps polling after it. There is no end marker.
/// </summary>
internal sealed class ContainerLogEventDecoder : IStreamDecoder<ContainerLogStreamEvent>
{
    public string StreamName => "container logs";

    public bool IsOpenEnded => true;

    public StreamFrame<ContainerLogStreamEvent> Decode(string eventType, ReadOnlySpan<byte> data)
    {
        var json = data.Trim(" \t\r\n"u8);
        if (json.IsEmpty || eventType != "message")
        {
            return StreamFrame<ContainerLogStreamEvent>.Skip;
        }

        return StreamFrame<ContainerLogStreamEvent>.Item(StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.ContainerLogStreamEvent, StreamName));
    }
}
