using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Checks a messages request before it is sent, with the ranges of the Anthropic Messages API.</summary>
internal static class MessageRequestValidator
{
    private const int MinThinkingBudget = 1024;

    public static void Validate(MessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Model, "model");
        RequestValidation.AtLeast(request.MaxTokens, 1, "max_tokens");
        RequestValidation.NotEmpty(request.Messages, "messages");
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i] ?? throw new ArgumentException($"messages[{i}] is null.", "messages");
            if (string.IsNullOrWhiteSpace(message.Role.Value) || message.Content is null)
            {
                throw new ArgumentException($"messages[{i}] needs a role (user or assistant) and content.", "messages");
            }
        }

        RequestValidation.Range(request.Temperature, 0, 1, "temperature");
        RequestValidation.Range(request.TopP, 0, 1, "top_p");
        RequestValidation.AtLeast(request.TopK, 0, "top_k");
        foreach (var tool in request.Tools ?? [])
        {
            RequestValidation.Required(tool?.Name, "tools[].name");
        }

        if (request.ToolChoice is SpecificToolChoice specific)
        {
            RequestValidation.Required(specific.Name, "tool_choice.name");
        }

        if (request.Thinking is { } thinking && thinking.Type == ThinkingType.Enabled
            && (thinking.BudgetTokens is not { } budget || budget < MinThinkingBudget || budget >= request.MaxTokens))
        {
            throw new ArgumentException($"thinking.budget_tokens must be at least {MinThinkingBudget} and less than max_tokens ({request.MaxTokens}) when thinking is enabled.", "thinking");
        }
    }
}
