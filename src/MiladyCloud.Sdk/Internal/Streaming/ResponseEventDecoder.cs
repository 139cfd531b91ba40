using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Responses events. The server's translation path sends data-only events, its native path passes the provider's
/// events through with <c>event:</c> lines, so the kind is always read from the JSON <c>type</c>. A terminal event
/// (<c>response.completed</c>, <c>.failed</c>, <c>.incomplete</c>) ends the stream; an <c>error</c> event is raised as
/// the typed exception; an event of a kind this SDK does not know is skipped and counted, never fatal.
/// </summary>
internal sealed class ResponseEventDecoder(SkippedEvents skipped, SecretScrubber? secrets) : IStreamDecoder<ResponseStreamEvent>
{
    private static readonly HashSet<string> KnownEvents =
    [
        "response.created", "response.in_progress", "response.completed", "response.failed", "response.incomplete",
        "response.output_item.added", "response.output_item.done", "response.content_part.added", "response.content_part.done",
        "response.output_text.delta", "response.output_text.done", "response.output_text.annotation.added",
        "response.refusal.delta", "response.refusal.done",
        "response.function_call_arguments.delta", "response.function_call_arguments.done",
        "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
        "error",
    ];

    public string StreamName => "responses";

    public StreamFrame<ResponseStreamEvent> Decode(string eventType, ReadOnlySpan<byte> data)
    {
        var json = data.Trim(" \t\r\n"u8);
        // No Responses stream ends with [DONE]; one sent anyway is not an event.
        if (json.IsEmpty || json.SequenceEqual("[DONE]"u8))
        {
            return StreamFrame<ResponseStreamEvent>.Skip;
        }

        var name = StreamJson.ReadType(json, StreamName);
        if (name is null || !KnownEvents.Contains(name))
        {
            skipped.Add();
            return StreamFrame<ResponseStreamEvent>.Skip;
        }

        if (name == "error")
        {
            var raw = BodyDecoding.Excerpt(json);
            var parsed = ErrorBodyParser.Parse(raw);
            return StreamFrame<ResponseStreamEvent>.Failure(ErrorResponseReader.Create(StreamErrorStatus.FromType(parsed.Type ?? parsed.Code), raw, secrets: secrets));
        }

        var streamEvent = StreamJson.Deserialize(json, MiladyCloudJsonContext.Default.ResponseStreamEvent, StreamName);
        if (!IsComplete(streamEvent))
        {
            // JSON null where the schema promises an object would surface later as a NullReferenceException in caller code.
            throw new MiladyCloudResponseFormatException($"A {StreamName} stream event ({name}) has a null response, item or part.", BodyDecoding.Excerpt(json));
        }

        return streamEvent is ResponseCompletedEvent or ResponseFailedEvent or ResponseIncompleteEvent
            ? StreamFrame<ResponseStreamEvent>.End(streamEvent)
            : StreamFrame<ResponseStreamEvent>.Item(streamEvent);
    }

    private static bool IsComplete(ResponseStreamEvent streamEvent) => streamEvent switch
    {
        ResponseCreatedEvent e => e.Response is { Output: not null },
        ResponseInProgressEvent e => e.Response is { Output: not null },
        ResponseCompletedEvent e => e.Response is { Output: not null },
        ResponseFailedEvent e => e.Response is { Output: not null },
        ResponseIncompleteEvent e => e.Response is { Output: not null },
        ResponseOutputItemAddedEvent e => e.Item is not null,
        ResponseOutputItemDoneEvent e => e.Item is not null,
        ResponseContentPartAddedEvent e => e.Part is not null,
        ResponseContentPartDoneEvent e => e.Part is not null,
        ResponseReasoningSummaryPartAddedEvent e => e.Part is not null,
        ResponseReasoningSummaryPartDoneEvent e => e.Part is not null,
        ResponseOutputTextAnnotationAddedEvent e => e.Annotation is not null,
        _ => true,
    };
}
