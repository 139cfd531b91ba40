using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Chat completion events: data-only JSON chunks, <c>[DONE]</c> at the end, and an error object sent as a data
/// frame by the routes that report failures in-band.
/// </summary>
internal sealed class ChatChunkDecoder(string? apiKey, string? sessionToken = null) : IStreamDecoder<ChatCompletionChunk>
{
    public string StreamName => "chat completion";

    public StreamFrame<ChatCompletionChunk> Decode(string eventType, ReadOnlySpan<byte> data)
    {
        var json = data.Trim(" \t\r\n"u8);
        // The end marker counts whatever event name precedes it: missing it would turn a finished stream into a failure.
        if (json.SequenceEqual("[DONE]"u8))
        {
            return StreamFrame<ChatCompletionChunk>.End();
        }

        if (json.IsEmpty || (eventType != "message" && eventType != "error"))
        {
            return StreamFrame<ChatCompletionChunk>.Skip;
        }

        if (IsErrorObject(json))
        {
            var raw = Encoding.UTF8.GetString(json);
            var type = ErrorBodyParser.Parse(raw).Type;
            return StreamFrame<ChatCompletionChunk>.Failure(ErrorResponseReader.Create(StreamErrorStatus.FromType(type), raw, apiKey: apiKey, sessionToken: sessionToken));
        }

        return StreamFrame<ChatCompletionChunk>.Item(StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.ChatCompletionChunk, StreamName));
    }

    /// <summary>An object whose top level has <c>error</c> and no <c>choices</c>.</summary>
    private static bool IsErrorObject(ReadOnlySpan<byte> json)
        => json.IndexOf("\"error\""u8) >= 0 && json.IndexOf("\"choices\""u8) < 0;
}
