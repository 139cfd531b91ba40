using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>An Anthropic-style message as a Microsoft.Extensions.AI response.</summary>
internal static class MessageResponseMapping
{
    /// <summary>The key under which the stop sequence that ended a message is kept in <c>AdditionalProperties</c>.</summary>
    public const string StopSequenceKey = "stop_sequence";

    /// <param name="message">The message.</param>
    /// <param name="createdAt">When it arrived: messages carry no time of their own.</param>
    public static Ai.ChatResponse ToResponse(Message message, DateTimeOffset createdAt)
    {
        var chatMessage = new Ai.ChatMessage(Ai.ChatRole.Assistant, message.Content.Select(ToContent).OfType<Ai.AIContent>().ToList())
        {
            MessageId = message.Id,
            CreatedAt = createdAt,
            RawRepresentation = message,
        };
        return new Ai.ChatResponse(chatMessage)
        {
            ResponseId = message.Id,
            ModelId = NonEmpty(message.Model),
            CreatedAt = createdAt,
            FinishReason = ToFinishReason(message.StopReason),
            Usage = ToUsage(message.Usage.InputTokens, message.Usage.OutputTokens, message.Usage.CacheReadInputTokens),
            AdditionalProperties = StopSequence(message.StopSequence),
            RawRepresentation = message,
        };
    }

    /// <summary>
    /// <c>end_turn</c> and <c>stop_sequence</c> are <see cref="Ai.ChatFinishReason.Stop"/> (the abstraction's "natural
    /// stop or stop sequence"), <c>max_tokens</c> is Length, <c>tool_use</c> is ToolCalls, <c>refusal</c> is
    /// ContentFilter; any other reason (such as <c>pause_turn</c>) is kept as it came.
    /// </summary>
    public static Ai.ChatFinishReason? ToFinishReason(StopReason? reason)
    {
        if (reason is not { } value || string.IsNullOrEmpty(value.Value))
        {
            return null;
        }

        return value == StopReason.EndTurn || value == StopReason.StopSequence ? Ai.ChatFinishReason.Stop
            : value == StopReason.MaxTokens ? Ai.ChatFinishReason.Length
            : value == StopReason.ToolUse ? Ai.ChatFinishReason.ToolCalls
            : value == StopReason.Refusal ? Ai.ChatFinishReason.ContentFilter
            : new Ai.ChatFinishReason(value.Value);
    }

    public static Ai.UsageDetails ToUsage(int inputTokens, int outputTokens, int? cachedInputTokens) => new()
    {
        InputTokenCount = inputTokens,
        OutputTokenCount = outputTokens,
        TotalTokenCount = inputTokens + outputTokens,
        CachedInputTokenCount = cachedInputTokens,
    };

    public static Ai.AdditionalPropertiesDictionary? StopSequence(string? stopSequence)
        => string.IsNullOrEmpty(stopSequence) ? null : new() { [StopSequenceKey] = stopSequence };

    /// <summary>A response block as content; <see langword="null"/> for an empty text block (the service's "no output").</summary>
    public static Ai.AIContent? ToContent(ContentBlock block) => block switch
    {
        TextBlock { Text.Length: 0 } => null,
        TextBlock text => new Ai.TextContent(text.Text) { RawRepresentation = block },
        ToolUseBlock tool => WithRaw(ToolCallArguments.ToCall(tool.Id, tool.Name, InputJson(tool)), block),
        ThinkingBlock thinking => new Ai.TextReasoningContent(thinking.Thinking) { ProtectedData = thinking.Signature, RawRepresentation = block },
        RedactedThinkingBlock redacted => new Ai.TextReasoningContent(string.Empty) { ProtectedData = redacted.Data, RawRepresentation = block },
        _ => new Ai.AIContent { RawRepresentation = block },
    };

    private static string? InputJson(ToolUseBlock tool)
        => tool.Input.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : tool.Input.GetRawText();

    private static Ai.AIContent WithRaw(Ai.AIContent content, object raw)
    {
        content.RawRepresentation = raw;
        return content;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
