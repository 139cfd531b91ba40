using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Builds the final <see cref="Message"/> from stream events: text and thinking blocks joined, <c>tool_use</c>
/// blocks with <c>input</c> parsed from their joined <c>partial_json</c>, stop reason and usage. Feed it each event
/// while you print the deltas, then call <see cref="ToMessage"/>.
/// </summary>
public class MessageAccumulator
{
    private readonly SortedDictionary<int, BlockState> _blocks = [];
    private Message? _start;
    private StopReason? _stopReason;
    private string? _stopSequence;
    private int? _outputTokens;
    private int? _inputTokens;

    /// <summary>The text of all text blocks so far.</summary>
    public virtual string Text => string.Concat(_blocks.Values.Select(b => b.Text));

    /// <summary>Whether <c>message_stop</c> was seen.</summary>
    public virtual bool IsComplete { get; private set; }

    /// <summary>Adds one event, in the order the stream delivered them.</summary>
    /// <param name="streamEvent">The event.</param>
    public virtual void Add(MessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        switch (streamEvent)
        {
            case MessageStartEvent start:
                _start = start.Message;
                break;
            case ContentBlockStartEvent blockStart:
                _blocks[blockStart.Index] = new BlockState(blockStart.ContentBlock);
                break;
            case ContentBlockDeltaEvent delta:
                Block(delta.Index).Add(delta.Delta);
                break;
            case MessageDeltaEvent messageDelta:
                _stopReason = messageDelta.Delta.StopReason ?? _stopReason;
                _stopSequence = messageDelta.Delta.StopSequence ?? _stopSequence;
                _outputTokens = messageDelta.Usage.OutputTokens;
                _inputTokens = messageDelta.Usage.InputTokens ?? _inputTokens;
                break;
            case MessageStopEvent:
                IsComplete = true;
                break;
        }
    }

    /// <summary>The message as the non-streaming call would have returned it.</summary>
    /// <returns>The message.</returns>
    /// <exception cref="MiladyCloudResponseFormatException">A tool's joined input is not valid JSON.</exception>
    public virtual Message ToMessage() => new()
    {
        Id = _start?.Id ?? string.Empty,
        Type = "message",
        Role = _start?.Role ?? MessageRole.Assistant,
        Model = _start?.Model ?? string.Empty,
        Content = _blocks.Values.Select(b => b.ToBlock()).ToList(),
        StopReason = _stopReason,
        StopSequence = _stopSequence,
        Usage = new MessageUsage
        {
            InputTokens = _inputTokens ?? _start?.Usage.InputTokens ?? 0,
            OutputTokens = _outputTokens ?? _start?.Usage.OutputTokens ?? 0,
            CacheCreationInputTokens = _start?.Usage.CacheCreationInputTokens,
            CacheReadInputTokens = _start?.Usage.CacheReadInputTokens,
        },
    };

    private BlockState Block(int index)
    {
        // A delta without its start (out of spec) still keeps its content, as a text block.
        if (!_blocks.TryGetValue(index, out var block))
        {
            _blocks[index] = block = new BlockState(new TextBlock { Text = string.Empty });
        }

        return block;
    }

    private sealed class BlockState(ContentBlock start)
    {
        private readonly StringBuilder _buffer = new();
        private string? _signature;

        public string Text => start is TextBlock ? ((TextBlock)start).Text + _buffer : string.Empty;

        public void Add(ContentBlockDelta delta)
        {
            switch (delta)
            {
                case TextDelta text:
                    _buffer.Append(text.Text);
                    break;
                case InputJsonDelta json:
                    _buffer.Append(json.PartialJson);
                    break;
                case ThinkingDelta thinking:
                    _buffer.Append(thinking.Thinking);
                    break;
                case SignatureDelta signature:
                    _signature = (_signature ?? string.Empty) + signature.Signature;
                    break;
            }
        }

        public ContentBlock ToBlock() => start switch
        {
            TextBlock text => new TextBlock { Text = text.Text + _buffer, CacheControl = text.CacheControl },
            ToolUseBlock tool => new ToolUseBlock { Id = tool.Id, Name = tool.Name, Input = ParseInput(tool) },
            ThinkingBlock thinking => new ThinkingBlock { Thinking = thinking.Thinking + _buffer, Signature = _signature ?? thinking.Signature },
            _ => start,
        };

        private JsonElement ParseInput(ToolUseBlock tool)
        {
            var json = _buffer.ToString();
            if (string.IsNullOrWhiteSpace(json))
            {
                return tool.Input.ValueKind == JsonValueKind.Undefined ? EmptyObject() : tool.Input;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new MiladyCloudResponseFormatException($"The input of tool call '{tool.Name}' ({tool.Id}) is not valid JSON once joined.", json.Length <= Internal.ErrorResponseReader.MaxBodyChars ? json : json[..Internal.ErrorResponseReader.MaxBodyChars], ex);
            }
        }

        private static JsonElement EmptyObject()
        {
            using var document = JsonDocument.Parse("{}");
            return document.RootElement.Clone();
        }
    }
}
