using System.Text;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Builds the final <see cref="ChatCompletion"/> from stream chunks: text joined per choice, tool calls assembled by
/// index with their arguments joined, the finish reason, and usage when the server sent it. Feed it each chunk while
/// you print the deltas, then call <see cref="ToCompletion"/>.
/// </summary>
public class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, ChoiceState> _choices = [];
    private string? _id;
    private string? _model;
    private long _created;
    private ChatUsage? _usage;

    /// <summary>The text of the first choice so far.</summary>
    public virtual string Text => _choices.TryGetValue(0, out var first) ? first.Content.ToString() : string.Empty;

    /// <summary>How many chunks were added.</summary>
    public virtual int ChunkCount { get; private set; }

    /// <summary>Adds one chunk, in the order the stream delivered them.</summary>
    /// <param name="chunk">The chunk.</param>
    public virtual void Add(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ChunkCount++;
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created = chunk.Created;
        _usage = chunk.Usage ?? _usage;
        foreach (var choice in chunk.Choices)
        {
            if (!_choices.TryGetValue(choice.Index, out var state))
            {
                _choices[choice.Index] = state = new ChoiceState();
            }

            state.Add(choice);
        }
    }

    /// <summary>The completion as the non-streaming call would have returned it.</summary>
    /// <returns>The completion. A choice whose stream did not finish has an empty <see cref="ChatChoice.FinishReason"/>.</returns>
    public virtual ChatCompletion ToCompletion() => new()
    {
        Id = _id ?? string.Empty,
        Object = "chat.completion",
        Created = _created,
        Model = _model ?? string.Empty,
        Choices = _choices.Select(pair => pair.Value.ToChoice(pair.Key)).ToList(),
        Usage = _usage,
    };

    private sealed class ChoiceState
    {
        private readonly SortedDictionary<int, ToolCallState> _toolCalls = [];
        private ChatRole? _role;
        private ChatFinishReason? _finishReason;
        private StringBuilder? _refusal;

        public StringBuilder Content { get; } = new();

        public void Add(ChatChunkChoice choice)
        {
            _role ??= choice.Delta.Role;
            _finishReason = choice.FinishReason ?? _finishReason;
            Content.Append(choice.Delta.Content);
            if (choice.Delta.Refusal is { } refusal)
            {
                (_refusal ??= new StringBuilder()).Append(refusal);
            }

            foreach (var call in choice.Delta.ToolCalls ?? [])
            {
                if (!_toolCalls.TryGetValue(call.Index, out var state))
                {
                    _toolCalls[call.Index] = state = new ToolCallState();
                }

                state.Add(call);
            }
        }

        public ChatChoice ToChoice(int index) => new()
        {
            Index = index,
            FinishReason = _finishReason ?? default,
            Message = new ChatResponseMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = _toolCalls.Count > 0 && Content.Length == 0 ? null : Content.ToString(),
                Refusal = _refusal?.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Values.Select(t => t.ToToolCall()).ToList(),
            },
        };
    }

    private sealed class ToolCallState
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _type;
        private string? _name;

        public void Add(ChatToolCallDelta delta)
        {
            _id ??= delta.Id;
            _type ??= delta.Type;
            _name ??= delta.Function?.Name;
            _arguments.Append(delta.Function?.Arguments);
        }

        public ChatToolCall ToToolCall() => new()
        {
            Id = _id ?? string.Empty,
            Type = _type ?? "function",
            Function = new ChatFunctionCall { Name = _name ?? string.Empty, Arguments = _arguments.ToString() },
        };
    }
}
