using System.Text.Json;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>Microsoft.Extensions.AI messages and options to one chat completion request.</summary>
internal static class ChatOptionsMapping
{
    public static ChatCompletionRequest ToRequest(Ai.IChatClient client, IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options, string? defaultModel)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var template = options?.RawRepresentationFactory?.Invoke(client) as ChatCompletionRequest;
        var model = options?.ModelId ?? NonEmpty(template?.Model) ?? defaultModel
            ?? throw new ArgumentException("No model given: set ChatOptions.ModelId or pass a default model to AsChatClient(model).", nameof(options));
        var request = template ?? new ChatCompletionRequest { Model = model, Messages = [] };
        request.Model = model;
        request.Messages = BuildMessages(request.Messages, messages, options?.Instructions);
        if (options is not null)
        {
            ApplySampling(request, options);
            ApplyTools(request, options);
            request.ResponseFormat = ToResponseFormat(options.ResponseFormat) ?? request.ResponseFormat;
            ApplyAdditional(request, options);
        }

        return request;
    }

    private static List<ChatMessage> BuildMessages(IList<ChatMessage>? existing, IEnumerable<Ai.ChatMessage> messages, string? instructions)
    {
        var list = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(instructions))
        {
            list.Add(new ChatMessage { Role = ChatRole.System, Content = instructions });
        }

        list.AddRange(existing ?? []);
        foreach (var message in messages)
        {
            ChatMessageMapping.AddTo(list, message);
        }

        return list;
    }

    private static void ApplySampling(ChatCompletionRequest request, Ai.ChatOptions options)
    {
        request.Temperature = options.Temperature ?? request.Temperature;
        request.TopP = options.TopP ?? request.TopP;
        request.FrequencyPenalty = options.FrequencyPenalty ?? request.FrequencyPenalty;
        request.PresencePenalty = options.PresencePenalty ?? request.PresencePenalty;
        request.MaxTokens = options.MaxOutputTokens ?? request.MaxTokens;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            request.Stop = StopSequences.FromItems(stops.ToList());
        }

        SetExtra(request, "seed", options.Seed);
        SetExtra(request, "top_k", options.TopK);
    }

    private static void ApplyTools(ChatCompletionRequest request, Ai.ChatOptions options)
    {
        var functions = new List<ChatTool>();
        foreach (var tool in options.Tools ?? [])
        {
            switch (tool)
            {
                case Ai.AIFunctionDeclaration function:
                    functions.Add(ToTool(function));
                    break;
                case Ai.HostedWebSearchTool:
                    request.WebSearchEnabled = true;
                    break;
                default:
                    throw new NotSupportedException($"Chat completions cannot use the tool {tool.Name} ({tool.GetType().Name}): declare functions (AIFunction) or HostedWebSearchTool.");
            }
        }

        if (functions.Count > 0)
        {
            request.Tools = functions;
        }

        request.ToolChoice = options.ToolMode switch
        {
            Ai.NoneChatToolMode => ChatToolChoice.None,
            Ai.AutoChatToolMode => ChatToolChoice.Auto,
            Ai.RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.ForFunction(name),
            Ai.RequiredChatToolMode => ChatToolChoice.Required,
            _ => request.ToolChoice,
        };
        SetExtra(request, "parallel_tool_calls", options.AllowMultipleToolCalls);
    }

    private static ChatTool ToTool(Ai.AIFunctionDeclaration function) => new()
    {
        Type = "function",
        Function = new ChatFunctionDefinition
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            Parameters = function.JsonSchema,
        },
    };

    private static ChatResponseFormat? ToResponseFormat(Ai.ChatResponseFormat? format) => format switch
    {
        Ai.ChatResponseFormatText => new ChatResponseFormat { Type = ChatResponseFormatType.Text },
        Ai.ChatResponseFormatJson { Schema: { } schema } json => new ChatResponseFormat
        {
            Type = ChatResponseFormatType.JsonSchema,
            JsonSchema = new ChatJsonSchemaFormat { Name = json.SchemaName ?? "response", Description = json.SchemaDescription, Schema = schema },
        },
        Ai.ChatResponseFormatJson => new ChatResponseFormat { Type = ChatResponseFormatType.JsonObject },
        _ => null,
    };

    /// <summary>Options the typed request has no member for travel as extra JSON members, as other OpenAI-compatible clients send them.</summary>
    private static void ApplyAdditional(ChatCompletionRequest request, Ai.ChatOptions options)
    {
        foreach (var (name, value) in options.AdditionalProperties ?? [])
        {
            request.AdditionalProperties[name] = ToElement(value);
        }
    }

    private static void SetExtra(ChatCompletionRequest request, string name, object? value)
    {
        if (value is not null)
        {
            request.AdditionalProperties[name] = ToElement(value);
        }
    }

    private static JsonElement ToElement(object? value)
        => value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, ToolCallArguments.Json.GetTypeInfo(value?.GetType() ?? typeof(object)));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
