using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Chat completion events: data-only JSON chunks, <c>[DONE]</c> at the end, and an error object sent as a data
/// frame by the routes that report failures in-band.
/// </summary>
internal sealed class ChatChunkDecoder(SecretScrubber? secrets) : IStreamDecoder<ChatCompletionChunk>
{
    private readonly ChatChunkReader _fastPath = new();

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

        // The fast path accepts only complete chunks (no null choice or delta), so it needs no completeness check.
        if (_fastPath.TryRead(json, out var fast))
        {
            return StreamFrame<ChatCompletionChunk>.Item(fast!);
        }

        if (IsErrorObject(json))
        {
            var raw = BodyDecoding.Excerpt(json);
            var type = ErrorBodyParser.Parse(raw).Type;
            return StreamFrame<ChatCompletionChunk>.Failure(ErrorResponseReader.Create(StreamErrorStatus.FromType(type), raw, secrets: secrets));
        }

        var chunk = StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.ChatCompletionChunk, StreamName);
        if (!IsComplete(chunk))
        {
            // JSON null where the schema promises a value would surface later as a NullReferenceException in caller code.
            throw new MiladyCloudResponseFormatException($"A {StreamName} stream event has a null choice, delta or tool call.", BodyDecoding.Excerpt(json));
        }

        return StreamFrame<ChatCompletionChunk>.Item(chunk);
    }

    private static bool IsComplete(ChatCompletionChunk chunk)
        => chunk.Choices is not null && chunk.Choices.All(choice => choice?.Delta is not null && (choice.Delta.ToolCalls?.All(call => call is not null) ?? true));

    /// <summary>An object whose top level has <c>error</c> and no <c>choices</c>.</summary>
    private static bool IsErrorObject(ReadOnlySpan<byte> json)
        => json.IndexOf("\"error\""u8) >= 0 && json.IndexOf("\"choices\""u8) < 0;
}
