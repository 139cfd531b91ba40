using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Checks a chat request before it is sent. The server validates only model and messages, then fails with a 500 on
/// roles other than system, user and assistant and on messages without content: those are refused here instead.
/// </summary>
internal static class ChatRequestValidator
{
    private const string ToolsHint = "It never forwards tools to the model: use client.Messages (Anthropic-style messages, which run tools) for tool use.";

    public static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Model, "model");
        RequestValidation.NotEmpty(request.Messages, "messages");
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i] ?? throw new ArgumentException($"messages[{i}] is null.", "messages");
            ValidateRole(message.Role, i);
            if (message.Content is null)
            {
                throw new ArgumentException($"messages[{i}] has no content: the service's /chat/completions answers 500 to a message without content (such as an assistant turn that only carries tool calls). {ToolsHint}", "messages");
            }
        }

        RequestValidation.Range(request.Temperature, 0, 2, "temperature");
        RequestValidation.Range(request.TopP, 0, 1, "top_p");
        RequestValidation.Range(request.FrequencyPenalty, -2, 2, "frequency_penalty");
        RequestValidation.Range(request.PresencePenalty, -2, 2, "presence_penalty");
        RequestValidation.AtLeast(request.MaxTokens, 1, "max_tokens");
        RequestValidation.AtLeast(request.WebSearchMaxUses, 1, "webSearchMaxUses");
        foreach (var tool in request.Tools ?? [])
        {
            RequestValidation.Required(tool?.Function?.Name, "tools[].function.name");
        }
    }

    private static void ValidateRole(ChatRole role, int index)
    {
        if (role == ChatRole.System || role == ChatRole.User || role == ChatRole.Assistant)
        {
            return;
        }

        var hint = role == ChatRole.Tool ? ToolsHint
            : role == ChatRole.Developer ? "Send developer instructions as a system message."
            : "Use system, user or assistant.";
        var shown = string.IsNullOrWhiteSpace(role.Value) ? "(none)" : role.Value;
        throw new ArgumentException($"messages[{index}] has role '{shown}': the service's /chat/completions accepts only system, user and assistant messages and answers 500 \"Unsupported role\" to any other. {hint}", "messages");
    }
}
