using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Checks a messages request before it is sent. The service checks only that model, max_tokens and messages are
/// present; settings it would drop without a word (<see cref="MessageModelRules"/>) or hand on to fail at the
/// provider are refused here instead.
/// </summary>
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

            ValidateToolResults(message.Content, i);
        }

        ValidateSampling(request);
        ValidateTools(request.Tools);

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

    private static void ValidateToolResults(MessageContent content, int index)
    {
        // The service reads the content of every tool_result without checking it is there: a missing one is a bare 500.
        if (content.Items?.OfType<ToolResultBlock>().FirstOrDefault(block => block.Content is null) is { } result)
        {
            throw new ArgumentException($"messages[{index}] has a tool_result (for '{result.ToolUseId}') without content: the service answers 500 to it. Send the result, or \"\" when the tool returned nothing.", "messages");
        }
    }

    private static void ValidateSampling(MessageRequest request)
    {
        if (request.Temperature is not null && MessageModelRules.IsReasoningModel(request.Model))
        {
            throw new ArgumentException($"temperature is set, but the service drops it without a word for reasoning models such as '{request.Model}' (claude-opus*, o1, o3): leave it unset.", "temperature");
        }

        RequestValidation.Range(request.Temperature, 0, MessageModelRules.MaxTemperature(request.Model), "temperature");
        RequestValidation.Range(request.TopP, 0, 1, "top_p");
        if (request.TopK is not null && !MessageModelRules.IsAnthropic(request.Model))
        {
            throw new ArgumentException($"top_k is set, but the service drops it without a word for models other than Anthropic's (such as '{request.Model}'): leave it unset.", "top_k");
        }

        RequestValidation.AtLeast(request.TopK, 0, "top_k");
    }

    private static void ValidateTools(IList<MessageTool>? tools)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in tools ?? [])
        {
            RequestValidation.Required(tool?.Name, "tools[].name");

            // The service keys tools by name: a second tool of the same name would replace the first.
            if (!names.Add(tool!.Name))
            {
                throw new ArgumentException($"tools declares '{tool.Name}' twice: the service keeps only the last one of a name.", "tools");
            }
        }
    }
}
