using System.Globalization;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>
/// Microsoft.Extensions.AI messages and options to one messages request. The service reads only model, max_tokens,
/// messages, system, stream, temperature, top_p, top_k, stop_sequences, tools and tool_choice
/// (elizaOS/cloud <c>app/api/v1/messages/route.ts</c>, <c>AnthropicMessagesRequest</c>); an option with nowhere to go
/// is refused before sending rather than dropped.
/// </summary>
internal static class MessageOptionsMapping
{
    /// <summary>max_tokens when neither the options nor the adapter say: the default of <c>MessagesClient.CreateAsync(model, text)</c>.</summary>
    public const int FallbackMaxTokens = 1024;

    private const string Unsupported = "the service's /messages has no such setting and would ignore it";

    public static MessageRequest ToRequest(Ai.IChatClient client, IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options, string defaultModel, int? defaultMaxTokens)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var template = options?.RawRepresentationFactory?.Invoke(client) as MessageRequest;
        if (options is not null)
        {
            RefuseUnsupported(options);
        }

        var (system, turns) = MessageHistoryMapping.Map(messages, SystemTexts(options?.Instructions, template?.System));
        var request = template ?? new MessageRequest { Model = defaultModel, MaxTokens = FallbackMaxTokens, Messages = [] };
        request.Model = options?.ModelId ?? NonEmpty(template?.Model) ?? defaultModel;
        request.MaxTokens = options?.MaxOutputTokens ?? TemplateMaxTokens(template) ?? defaultMaxTokens ?? FallbackMaxTokens;
        request.Messages = [.. template?.Messages ?? [], .. turns];
        request.System = system ?? request.System;
        if (options is not null)
        {
            ApplySampling(request, options);
            ApplyTools(request, options);
        }

        return request;
    }

    /// <summary>A template's own limit; 0 (or less) means it did not set one.</summary>
    private static int? TemplateMaxTokens(MessageRequest? template) => template is { MaxTokens: > 0 } ? template.MaxTokens : null;

    private static List<string> SystemTexts(string? instructions, SystemPrompt? templateSystem)
    {
        var texts = new List<string>();
        if (!string.IsNullOrEmpty(instructions))
        {
            texts.Add(instructions);
        }

        if (templateSystem?.Text is { Length: > 0 } text)
        {
            texts.Add(text);
        }

        texts.AddRange(templateSystem?.Items?.OfType<TextBlock>().Select(block => block.Text) ?? []);
        return texts;
    }

    private static void ApplySampling(MessageRequest request, Ai.ChatOptions options)
    {
        request.Temperature = Exact(options.Temperature) ?? request.Temperature;
        request.TopP = Exact(options.TopP) ?? request.TopP;
        request.TopK = options.TopK ?? request.TopK;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            request.StopSequences = stops.ToList();
        }
    }

    /// <summary>The float as written (0.7f is sent as 0.7, not 0.699999988079071), through its shortest round-trip text.</summary>
    private static double? Exact(float? value)
        => value is { } v && float.IsFinite(v) ? double.Parse(v.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    private static void ApplyTools(MessageRequest request, Ai.ChatOptions options)
    {
        var tools = new List<MessageTool>();
        foreach (var tool in options.Tools ?? [])
        {
            tools.Add(tool is Ai.AIFunctionDeclaration function
                ? ToTool(function)
                : throw new NotSupportedException($"The tool {tool.Name} ({tool.GetType().Name}) cannot be used: the service's /messages runs only functions the caller declares (AIFunction or AIFunctionDeclaration)."));
        }

        if (tools.Count > 0)
        {
            request.Tools = [.. request.Tools ?? [], .. tools];
        }

        request.ToolChoice = ToToolChoice(options.ToolMode, request.Tools) ?? request.ToolChoice;
    }

    private static MessageTool ToTool(Ai.AIFunctionDeclaration function) => new()
    {
        Name = function.Name,
        Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
        InputSchema = function.JsonSchema,
    };

    private static MessageToolChoice? ToToolChoice(Ai.ChatToolMode? mode, IList<MessageTool>? tools)
    {
        switch (mode)
        {
            case Ai.NoneChatToolMode:
                return new NoneToolChoice();
            case Ai.AutoChatToolMode:
                return new AutoToolChoice();
            case Ai.RequiredChatToolMode required:
                if (required.RequiredFunctionName is { } name)
                {
                    return tools?.Any(tool => tool.Name == name) == true
                        ? new SpecificToolChoice { Name = name }
                        : throw new NotSupportedException($"ChatToolMode requires the function '{name}', which is not among ChatOptions.Tools: the model cannot call it.");
                }

                return tools is { Count: > 0 }
                    ? new AnyToolChoice()
                    : throw new NotSupportedException("ChatToolMode.RequireAny is set without any tool in ChatOptions.Tools: the model has nothing to call.");
            default:
                return null;
        }
    }

    private static void RefuseUnsupported(Ai.ChatOptions options)
    {
        Refuse(options.FrequencyPenalty is not null, "FrequencyPenalty", Unsupported);
        Refuse(options.PresencePenalty is not null, "PresencePenalty", Unsupported);
        Refuse(options.Seed is not null, "Seed", Unsupported);
        Refuse(options.ResponseFormat is not (null or Ai.ChatResponseFormatText), "ResponseFormat",
            "the service's /messages has no structured-output setting and would answer in free text; ask for JSON in the instructions instead");
        Refuse(options.Reasoning is not null, "Reasoning", "the service's deployment decides whether extended thinking is used and ignores any request for it");
        Refuse(options.ConversationId is not null, "ConversationId", "the service keeps no conversations: send the whole history with every call");
        Refuse(options.ContinuationToken is not null, "ContinuationToken", "the service has no background responses to continue");
        Refuse(options.AllowMultipleToolCalls == false, "AllowMultipleToolCalls = false", "the service does not read disable_parallel_tool_use, so the model may still call several tools at once");
        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            Refuse(true, $"AdditionalProperties ({string.Join(", ", extra.Keys)})",
                "the service's /messages reads only model, max_tokens, messages, system, temperature, top_p, top_k, stop_sequences, tools and tool_choice, each of which has its own ChatOptions member");
        }
    }

    private static void Refuse(bool condition, string option, string why)
    {
        if (condition)
        {
            throw new NotSupportedException($"ChatOptions.{option} cannot be honoured: {why}.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
