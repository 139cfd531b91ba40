using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Adds up the parts of a UI message stream: text and reasoning deltas joined, steps counted, the finish reason, tool
/// calls, sources and files kept. Feed it each part while you print the deltas, then call <see cref="ToResult"/>.
/// </summary>
public class UiChatAccumulator
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private readonly List<UiChatToolInputAvailablePart> _toolCalls = [];
    private readonly List<UiChatSourceUrlPart> _sources = [];
    private readonly List<UiChatFilePart> _files = [];
    private string? _messageId;
    private UiChatFinishReason? _finishReason;
    private bool _finished;
    private bool _aborted;
    private string? _abortReason;
    private JsonElement? _metadata;
    private int _steps;

    /// <summary>The text so far.</summary>
    public virtual string Text => _text.ToString();

    /// <summary>How many parts were added.</summary>
    public virtual int PartCount { get; private set; }

    /// <summary>Whether the <c>finish</c> part was added.</summary>
    public virtual bool IsFinished => _finished;

    /// <summary>Adds one part, in the order the stream delivered them.</summary>
    /// <param name="part">The part.</param>
    public virtual void Add(UiChatStreamPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        PartCount++;
        switch (part)
        {
            case UiChatStartPart start:
                _messageId ??= start.MessageId;
                _metadata = start.MessageMetadata ?? _metadata;
                break;
            case UiChatStartStepPart:
                _steps++;
                break;
            case UiChatTextDeltaPart delta:
                _text.Append(delta.Delta);
                break;
            case UiChatReasoningDeltaPart delta:
                _reasoning.Append(delta.Delta);
                break;
            case UiChatToolInputAvailablePart call:
                _toolCalls.Add(call);
                break;
            case UiChatSourceUrlPart source:
                _sources.Add(source);
                break;
            case UiChatFilePart file:
                _files.Add(file);
                break;
            case UiChatMessageMetadataPart metadata:
                _metadata = metadata.MessageMetadata ?? _metadata;
                break;
            case UiChatFinishPart finish:
                _finished = true;
                _finishReason = finish.FinishReason;
                _metadata = finish.MessageMetadata ?? _metadata;
                break;
            case UiChatAbortPart abort:
                _aborted = true;
                _abortReason = abort.Reason;
                break;
        }
    }

    /// <summary>The answer as added up so far.</summary>
    /// <returns>The answer.</returns>
    public virtual UiChatResult ToResult() => new()
    {
        MessageId = _messageId,
        Text = _text.ToString(),
        Reasoning = _reasoning.ToString(),
        FinishReason = _finishReason,
        IsFinished = _finished,
        IsAborted = _aborted,
        AbortReason = _abortReason,
        MessageMetadata = _metadata,
        StepCount = _steps,
        PartCount = PartCount,
        ToolCalls = [.. _toolCalls],
        Sources = [.. _sources],
        Files = [.. _files],
    };
}
