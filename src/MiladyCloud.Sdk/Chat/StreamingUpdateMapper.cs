using System.Text;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>
/// Turns stream chunks into Microsoft.Extensions.AI updates. Text is passed on as it arrives; tool calls arrive in
/// pieces (id and name first, arguments spread over later chunks), so they are assembled and emitted once complete:
/// when their choice finishes, or at the end of the stream.
/// </summary>
internal sealed class StreamingUpdateMapper
{
    private readonly SortedDictionary<int, PendingCall> _calls = [];
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;

    public Ai.ChatResponseUpdate Map(ChatCompletionChunk chunk)
    {
        _responseId = NonEmpty(chunk.Id) ?? _responseId;
        _modelId = NonEmpty(chunk.Model) ?? _modelId;
        _createdAt = ChatResponseMapping.CreatedAt(chunk.Created) ?? _createdAt;
        var update = NewUpdate(chunk);
        foreach (var choice in chunk.Choices)
        {
            AddChoice(update, choice);
        }

        if (ChatResponseMapping.ToUsage(chunk.Usage) is { } usage)
        {
            update.Contents.Add(new Ai.UsageContent(usage));
        }

        return update;
    }

    /// <summary>Tool calls still pending when the stream ended without a finish reason, as one last update.</summary>
    public Ai.ChatResponseUpdate? Flush()
    {
        if (_calls.Count == 0)
        {
            return null;
        }

        var update = new Ai.ChatResponseUpdate(Ai.ChatRole.Assistant, []) { ResponseId = _responseId, MessageId = _responseId, ModelId = _modelId, CreatedAt = _createdAt };
        EmitCalls(update);
        return update;
    }

    private Ai.ChatResponseUpdate NewUpdate(ChatCompletionChunk chunk) => new(Ai.ChatRole.Assistant, [])
    {
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        RawRepresentation = chunk,
    };

    private void AddChoice(Ai.ChatResponseUpdate update, ChatChunkChoice choice)
    {
        var delta = choice.Delta;
        if (!string.IsNullOrEmpty(delta.Content))
        {
            update.Contents.Add(new Ai.TextContent(delta.Content));
        }

        if (!string.IsNullOrEmpty(delta.Refusal))
        {
            update.Contents.Add(new Ai.TextContent(delta.Refusal) { AdditionalProperties = new() { ["refusal"] = true } });
        }

        foreach (var call in delta.ToolCalls ?? [])
        {
            Collect(call);
        }

        if (ChatResponseMapping.ToFinishReason(choice.FinishReason) is { } finish)
        {
            update.FinishReason = finish;
            EmitCalls(update);
        }
    }

    private void Collect(ChatToolCallDelta call)
    {
        if (!_calls.TryGetValue(call.Index, out var pending))
        {
            _calls[call.Index] = pending = new PendingCall();
        }

        pending.Id ??= NonEmpty(call.Id);
        pending.Name ??= NonEmpty(call.Function?.Name);
        pending.Arguments.Append(call.Function?.Arguments);
    }

    private void EmitCalls(Ai.ChatResponseUpdate update)
    {
        foreach (var (index, call) in _calls)
        {
            update.Contents.Add(ToolCallArguments.ToCall(call.Id ?? $"call_{index}", call.Name ?? string.Empty, call.Arguments.ToString()));
        }

        _calls.Clear();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class PendingCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
