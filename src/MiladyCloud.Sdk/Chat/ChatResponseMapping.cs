using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>A chat completion as a Microsoft.Extensions.AI response.</summary>
internal static class ChatResponseMapping
{
    public static Ai.ChatResponse ToResponse(ChatCompletion completion)
    {
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var message = new Ai.ChatMessage(Ai.ChatRole.Assistant, ToContents(choice?.Message))
        {
            MessageId = completion.Id,
            RawRepresentation = choice?.Message,
        };
        return new Ai.ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = CreatedAt(completion.Created),
            FinishReason = choice is null ? null : ToFinishReason(choice.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public static Ai.ChatFinishReason? ToFinishReason(ChatFinishReason? reason)
    {
        if (reason is not { } value || string.IsNullOrEmpty(value.Value))
        {
            return null;
        }

        return value == ChatFinishReason.Stop ? Ai.ChatFinishReason.Stop
            : value == ChatFinishReason.Length ? Ai.ChatFinishReason.Length
            : value == ChatFinishReason.ToolCalls || value == ChatFinishReason.FunctionCall ? Ai.ChatFinishReason.ToolCalls
            : value == ChatFinishReason.ContentFilter ? Ai.ChatFinishReason.ContentFilter
            : new Ai.ChatFinishReason(value.Value);
    }

    public static Ai.UsageDetails? ToUsage(ChatUsage? usage) => usage is null ? null : new Ai.UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens,
    };

    public static DateTimeOffset? CreatedAt(long unixSeconds) => unixSeconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds) : null;

    private static List<Ai.AIContent> ToContents(ChatResponseMessage? message)
    {
        var contents = new List<Ai.AIContent>();
        if (message is null)
        {
            return contents;
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            contents.Add(new Ai.TextContent(message.Content));
        }

        if (!string.IsNullOrEmpty(message.Refusal))
        {
            contents.Add(new Ai.TextContent(message.Refusal) { AdditionalProperties = new() { ["refusal"] = true } });
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            contents.Add(ToolCallArguments.ToCall(call.Id, call.Function.Name, call.Function.Arguments));
        }

        return contents;
    }
}
