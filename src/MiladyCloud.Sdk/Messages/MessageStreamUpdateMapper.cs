using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>
/// Turns message stream events into Microsoft.Extensions.AI updates, one update per event. Text and thinking are
/// passed on as they arrive; a tool call arrives in pieces (id and name in <c>content_block_start</c>, its input spread
/// over <c>input_json_delta</c> events), so it is assembled and emitted once, complete, when its block stops.
/// </summary>
internal sealed class MessageStreamUpdateMapper(TimeProvider clock)
{
    private readonly Dictionary<int, PendingCall> _calls = [];
    private string? _messageId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;
    private int _inputTokens;
    private int? _cachedInputTokens;

    public Ai.ChatResponseUpdate Map(MessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (streamEvent is MessageStartEvent start)
        {
            Start(start.Message);
        }

        var update = new Ai.ChatResponseUpdate(Ai.ChatRole.Assistant, [])
        {
            ResponseId = _messageId,
            MessageId = _messageId,
            ModelId = _modelId,
            CreatedAt = _createdAt,
            RawRepresentation = streamEvent,
        };
        switch (streamEvent)
        {
            case ContentBlockStartEvent blockStart:
                StartBlock(update, blockStart.Index, blockStart.ContentBlock);
                break;
            case ContentBlockDeltaEvent delta:
                AddDelta(update, delta.Index, delta.Delta);
                break;
            case ContentBlockStopEvent blockStop:
                EmitCall(update, blockStop.Index);
                break;
            case MessageDeltaEvent messageDelta:
                Finish(update, messageDelta);
                break;
            case MessageStopEvent:
                // Out of spec, a tool block may never have been stopped: its call is not lost.
                foreach (var index in _calls.Keys.Order().ToList())
                {
                    EmitCall(update, index);
                }

                break;
        }

        return update;
    }

    private void Start(Message message)
    {
        _messageId = NonEmpty(message.Id) ?? _messageId;
        _modelId = NonEmpty(message.Model) ?? _modelId;
        _createdAt = clock.GetUtcNow();

        // The input count of message_start is the service's estimate; message_delta carries only output tokens.
        _inputTokens = message.Usage.InputTokens;
        _cachedInputTokens = message.Usage.CacheReadInputTokens;
    }

    private void StartBlock(Ai.ChatResponseUpdate update, int index, ContentBlock block)
    {
        if (block is ToolUseBlock tool)
        {
            _calls[index] = new PendingCall(tool);
        }
        else if (MessageResponseMapping.ToContent(block) is { } content)
        {
            // A start block normally comes empty; whatever it already holds is passed on.
            update.Contents.Add(content);
        }
    }

    private void AddDelta(Ai.ChatResponseUpdate update, int index, ContentBlockDelta delta)
    {
        switch (delta)
        {
            case TextDelta { Text.Length: > 0 } text:
                update.Contents.Add(new Ai.TextContent(text.Text) { RawRepresentation = delta });
                break;
            case InputJsonDelta json when _calls.TryGetValue(index, out var call):
                call.Input.Append(json.PartialJson);
                break;
            case ThinkingDelta { Thinking.Length: > 0 } thinking:
                update.Contents.Add(new Ai.TextReasoningContent(thinking.Thinking) { RawRepresentation = delta });
                break;
            case SignatureDelta signature:
                update.Contents.Add(new Ai.TextReasoningContent(string.Empty) { ProtectedData = signature.Signature, RawRepresentation = delta });
                break;
        }
    }

    private void EmitCall(Ai.ChatResponseUpdate update, int index)
    {
        if (_calls.Remove(index, out var call))
        {
            var content = ToolCallArguments.ToCall(call.Block.Id, call.Block.Name, call.InputJson());
            content.RawRepresentation = call.Block;
            update.Contents.Add(content);
        }
    }

    private void Finish(Ai.ChatResponseUpdate update, MessageDeltaEvent messageDelta)
    {
        update.FinishReason = MessageResponseMapping.ToFinishReason(messageDelta.Delta.StopReason);
        update.AdditionalProperties = MessageResponseMapping.StopSequence(messageDelta.Delta.StopSequence);
        var input = messageDelta.Usage.InputTokens ?? _inputTokens;
        update.Contents.Add(new Ai.UsageContent(MessageResponseMapping.ToUsage(input, messageDelta.Usage.OutputTokens, _cachedInputTokens)));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class PendingCall(ToolUseBlock block)
    {
        public ToolUseBlock Block { get; } = block;

        public StringBuilder Input { get; } = new();

        /// <summary>The joined deltas; without any, the input the start block carried (<c>{}</c> on this service).</summary>
        public string? InputJson()
            => Input.Length > 0 ? Input.ToString()
            : Block.Input.ValueKind == JsonValueKind.Undefined ? null
            : Block.Input.GetRawText();
    }
}
