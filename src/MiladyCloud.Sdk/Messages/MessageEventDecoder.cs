using System.Text;
using MiladyCloud.Sdk.Internal.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Anthropic-style events: <c>event:</c> names with JSON data, <c>message_stop</c> at the end, an <c>error</c> event
/// for failures. Event names this SDK does not know are skipped.
/// </summary>
internal sealed class MessageEventDecoder(SecretScrubber? secrets) : IStreamDecoder<MessageStreamEvent>
{
    private static readonly HashSet<string> KnownEvents =
    [
        "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop", "error",
    ];

    private readonly UnknownMemberStore _unknown = new(remember: true);

    public string StreamName => "messages";

    public StreamFrame<MessageStreamEvent> Decode(string eventType, ReadOnlySpan<byte> data)
    {
        var json = data.Trim(" \t\r\n"u8);
        if (json.IsEmpty)
        {
            return StreamFrame<MessageStreamEvent>.Skip;
        }

        if (eventType is "content_block_delta" or "message" && ContentBlockDeltaReader.TryRead(json, _unknown, out var delta))
        {
            return StreamFrame<MessageStreamEvent>.Item(delta!);
        }

        // Servers that omit "event:" lines still name the event in the JSON "type".
        var name = eventType == "message" ? TypeOf(json, StreamName) : eventType;
        if (name is null || !KnownEvents.Contains(name))
        {
            return StreamFrame<MessageStreamEvent>.Skip;
        }

        if (name == "error")
        {
            var raw = BodyDecoding.Excerpt(json);
            var type = ErrorBodyParser.Parse(raw).Type;
            return StreamFrame<MessageStreamEvent>.Failure(ErrorResponseReader.Create(StreamErrorStatus.FromType(type), raw, secrets: secrets));
        }

        var streamEvent = StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.MessageStreamEvent, StreamName);
        return name == "message_stop" ? StreamFrame<MessageStreamEvent>.End(streamEvent) : StreamFrame<MessageStreamEvent>.Item(streamEvent);
    }

    private static string? TypeOf(ReadOnlySpan<byte> json, string streamName)
    {
        try
        {
            return ReadType(json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a "type" string that is not valid UTF-8.
            throw new MiladyCloudResponseFormatException($"A {streamName} stream event was not valid JSON: {ex.Message}", BodyDecoding.Excerpt(json), ex);
        }
    }

    private static string? ReadType(ReadOnlySpan<byte> json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                return reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
