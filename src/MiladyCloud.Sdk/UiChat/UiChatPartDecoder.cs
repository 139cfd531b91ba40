using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The Vercel AI SDK UI message stream (protocol v1) of <c>POST /api/v1/chat</c>: data-only JSON parts, <c>[DONE]</c>
/// at the end. An <c>error</c> part is raised as the typed exception; a part of a kind this SDK does not know (a newer
/// protocol part, a <c>data-*</c> part) is skipped and counted, never fatal.
/// </summary>
internal sealed class UiChatPartDecoder(SkippedEvents skipped, SecretScrubber? secrets) : IStreamDecoder<UiChatStreamPart>
{
    private static readonly HashSet<string> KnownParts =
    [
        "start", "start-step", "text-start", "text-delta", "text-end", "reasoning-start", "reasoning-delta", "reasoning-end",
        "tool-input-start", "tool-input-delta", "tool-input-available", "tool-input-error", "tool-approval-request",
        "tool-output-available", "tool-output-error", "tool-output-denied", "source-url", "source-document", "file",
        "finish-step", "finish", "abort", "message-metadata", "error",
    ];

    public string StreamName => "UI chat";

    public StreamFrame<UiChatStreamPart> Decode(string eventType, ReadOnlySpan<byte> data)
    {
        var json = data.Trim(" \t\r\n"u8);
        if (json.SequenceEqual("[DONE]"u8))
        {
            return StreamFrame<UiChatStreamPart>.End();
        }

        if (json.IsEmpty)
        {
            return StreamFrame<UiChatStreamPart>.Skip;
        }

        var name = StreamJson.ReadType(json, StreamName);
        if (name is null || !KnownParts.Contains(name))
        {
            skipped.Add();
            return StreamFrame<UiChatStreamPart>.Skip;
        }

        if (name == "error")
        {
            // The part comes after a 200: the provider failed mid-answer, a server-side failure.
            return StreamFrame<UiChatStreamPart>.Failure(ErrorResponseReader.Create(HttpStatusCode.InternalServerError, BodyDecoding.Excerpt(json), secrets: secrets));
        }

        return StreamFrame<UiChatStreamPart>.Item(StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.UiChatStreamPart, StreamName));
    }
}
