using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Checks a Responses request before it is sent, by the rules of the path the server will take: the native path
/// (instructions, a bare <c>gpt-5</c> model, or a tool other than a function) hands the body to the provider, the
/// translation path checks every input message itself and answers 400 to what is refused here.
/// </summary>
internal static partial class ResponseRequestValidator
{
    /// <summary>The server's own limit; a larger body is refused with 413 before anything else.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private const string NativeHint = "Typed items (function_call, function_call_output) are read only on the server's native path (set Instructions, use a bare gpt-5 model or a non-function tool); on the translation path answer a tool call with a message of role tool and its tool_call_id.";

    public static void Validate(CreateResponseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Model, "model");
        RequestValidation.Range(request.Temperature, 0, 2, "temperature");
        RequestValidation.Range(request.TopP, 0, 1, "top_p");
        RequestValidation.Range(request.FrequencyPenalty, -2, 2, "frequency_penalty");
        RequestValidation.Range(request.PresencePenalty, -2, 2, "presence_penalty");
        RequestValidation.AtLeast(request.MaxOutputTokens, 1, "max_output_tokens");
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            var tool = request.Tools![i] ?? throw new ArgumentException($"tools[{i}] is null.", "tools");
            if (tool is ResponseFunctionTool function)
            {
                RequestValidation.Required(function.Name, $"tools[{i}].name");
            }
            else if (string.IsNullOrWhiteSpace(tool.Type))
            {
                throw new ArgumentException($"tools[{i}] has no type.", "tools");
            }
        }

        if (!IsNativePath(request))
        {
            ValidateTranslatedInput(request.Input);
        }
    }

    /// <summary>The server's test for its native path, applied to what will be sent.</summary>
    public static bool IsNativePath(CreateResponseRequest request)
    {
        var instructions = request.Instructions is not null
            || (request.AdditionalProperties.TryGetValue("instructions", out var extra) && extra.ValueKind != System.Text.Json.JsonValueKind.Null);
        return instructions
            || NativeModel().IsMatch(request.Model ?? string.Empty)
            || (request.Tools?.Any(tool => tool is not null && tool.Type is { } type && type != "function") ?? false);
    }

    /// <summary>Throws when the translated body would be over the server's limit.</summary>
    public static void CheckSize(long bytes)
    {
        if (bytes > MaxBodyBytes)
        {
            throw new ArgumentException($"The request body is {bytes} bytes; the service refuses a /responses body over {MaxBodyBytes} bytes (4 MiB) with 413. Send large files by URL or file id instead of inline data.", "request");
        }
    }

    private static void ValidateTranslatedInput(ResponseInput? input)
    {
        if (input is null)
        {
            throw new ArgumentException("input is required: the service answers 400 to a request without input (only its native path, with instructions, accepts none).", "input");
        }

        if (input.Text is { } text)
        {
            if (text.Length == 0)
            {
                throw new ArgumentException("input is empty: the service answers 400 to a message without content.", "input");
            }

            return;
        }

        var items = input.Items!;
        if (items.Count == 0)
        {
            throw new ArgumentException("input is an empty list: the service answers 400 (input/messages must be a non-empty array).", "input");
        }

        for (var i = 0; i < items.Count; i++)
        {
            ValidateItem(items[i] ?? throw new ArgumentException($"input[{i}] is null.", "input"), i);
        }
    }

    private static void ValidateItem(ResponseInputItem item, int index)
    {
        if (item.Type is { } type && type != ResponseInputItemType.Message)
        {
            throw new ArgumentException($"input[{index}] is a {type} item, which the service's translation path does not read (it answers 400). {NativeHint}", "input");
        }

        if (item.Role is not { } role || string.IsNullOrWhiteSpace(role.Value))
        {
            throw new ArgumentException($"input[{index}] has no role: the service answers 400 (each message must have a role).", "input");
        }

        var hasToolFields = item.ToolCalls is { Count: > 0 } || !string.IsNullOrEmpty(item.ToolCallId) || item.FunctionCall is not null;
        if (hasToolFields || (role == ResponseRole.System && IsEmpty(item.Content)))
        {
            // Tool turns may go without content, and the server drops an empty system message instead of refusing it.
            return;
        }

        if (IsEmpty(item.Content))
        {
            throw new ArgumentException($"input[{index}] has no content: the service answers 400 to a message without content, tool_calls, tool_call_id or function_call (a list of parts needs at least one non-empty text part or a non-text part).", "input");
        }
    }

    /// <summary>Empty as the server sees it: no content, an empty string, or parts that are all empty or white-space text.</summary>
    private static bool IsEmpty(ResponseInputContent? content)
    {
        if (content is null)
        {
            return true;
        }

        if (content.Text is { } text)
        {
            return text.Length == 0;
        }

        return !content.Items!.Any(part => part is not null && (part is not ResponseInputTextPart textPart || !string.IsNullOrWhiteSpace(textPart.Text)));
    }

    /// <summary><c>gpt-5</c> at the start, followed by the end, <c>-</c>, <c>.</c> or another word boundary (the server's own pattern).</summary>
    [GeneratedRegex(@"^gpt-5(\b|[-.])", RegexOptions.CultureInvariant)]
    private static partial Regex NativeModel();
}
