using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Checks a chat request before it is sent (the server validates only model and messages).</summary>
internal static class ChatRequestValidator
{
    public static void Validate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Model, "model");
        RequestValidation.NotEmpty(request.Messages, "messages");
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i] ?? throw new ArgumentException($"messages[{i}] is null.", "messages");
            if (string.IsNullOrWhiteSpace(message.Role.Value))
            {
                throw new ArgumentException($"messages[{i}].role is required (system, user, assistant or tool).", "messages");
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
}
