using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// POST /responses on both of the server's paths. The native path (instructions, a bare gpt-5 model or a tool other
/// than a function) answers like the provider's Responses API it passes through: typed function_call items, content
/// part events, sequence numbers, <c>event:</c> lines and an <c>error</c> event on failure. The translation path
/// answers like the handler's own translation: data-only events, no tool-call events in a stream (tool calls come
/// chat-style on the message of a JSON answer), and a failure cuts the stream without an error event.
/// </summary>
internal static partial class ResponsesResponder
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static FakeResponse Respond(JsonElement request, FakeReplies replies, TimeProvider clock)
    {
        if (request.ValueKind == JsonValueKind.Undefined)
        {
            return Error(HttpStatusCode.BadRequest, "Request body is not valid JSON", "invalid_request_error", "invalid_json");
        }

        if (request.ValueKind != JsonValueKind.Object)
        {
            return Error(HttpStatusCode.BadRequest, "Request body must be a JSON object", "invalid_request_error", "invalid_json");
        }

        if (Encoding.UTF8.GetByteCount(request.GetRawText()) > MaxBodyBytes)
        {
            return Error(HttpStatusCode.RequestEntityTooLarge, $"Request body exceeds {MaxBodyBytes} bytes", "invalid_request_error", "request_too_large");
        }

        var model = request.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : null;
        var stream = request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var now = clock.GetUtcNow();
        if (IsNative(request, model))
        {
            if (string.IsNullOrEmpty(model))
            {
                return Error(HttpStatusCode.BadRequest, "Missing required field: model", "invalid_request_error", "missing_required_parameter", "model");
            }

            var native = new Turn(GatewayModel(model), "resp_" + Hex(12), now.ToUnixTimeSeconds(), Text(request, replies), NativeTool(request, replies));
            var answer = stream ? NativeStream(native, replies.StreamChunkLength) : FakeResponse.Json(NativeResponse(native, completed: true));
            answer.Headers["x-eliza-responses-passthrough"] = "1";
            return answer;
        }

        if (Translate(request, model) is { } refusal)
        {
            return refusal;
        }

        var turn = new Turn(model!, "gen-" + Hex(10), now.ToUnixTimeSeconds(), Text(request, replies), TranslatedTool(request, replies));
        return stream ? TranslatedStream(turn, now.ToUnixTimeMilliseconds(), replies.StreamChunkLength) : FakeResponse.Json(TranslatedResponse(turn));
    }

    private sealed record Turn(string Model, string Id, long Created, string Text, (string Name, string Arguments)? Tool)
    {
        public int InputTokens => 18;

        public int OutputTokens => Math.Max(1, Text.Length / 4) + (Tool is null ? 0 : 8);
    }

    /// <summary>The handler's test for the native path.</summary>
    private static bool IsNative(JsonElement request, string? model)
    {
        if (request.TryGetProperty("instructions", out var instructions) && instructions.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (model is not null && NativeModel().IsMatch(model))
        {
            return true;
        }

        return request.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            && tools.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && !type.ValueEquals("function"));
    }

    /// <summary>A bare id gains the provider prefix the gateway needs.</summary>
    private static string GatewayModel(string model) => model.Contains('/', StringComparison.Ordinal) ? model
        : model.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? "anthropic/" + model
        : model.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) ? "google/" + model
        : "openai/" + model;

    /// <summary>The translation path's checks, in the handler's order, on the messages it builds from <c>input</c>.</summary>
    private static FakeResponse? Translate(JsonElement request, string? model)
    {
        var messages = new List<JsonElement>();
        JsonElement? text = null;
        if (request.TryGetProperty("input", out var input))
        {
            if (input.ValueKind == JsonValueKind.String)
            {
                text = input;
            }
            else if (input.ValueKind == JsonValueKind.Array)
            {
                messages.AddRange(input.EnumerateArray());
            }
        }

        if (string.IsNullOrEmpty(model))
        {
            return Error(HttpStatusCode.BadRequest, "Missing required fields: model and input/messages", "invalid_request_error", "missing_required_parameter", "model");
        }

        if (text is { } single)
        {
            return single.GetString()!.Length == 0 ? ContentRefusal(0) : null;
        }

        if (messages.Count == 0)
        {
            return Error(HttpStatusCode.BadRequest, "input/messages must be a non-empty array", "invalid_request_error", "invalid_value", "input");
        }

        // Empty system messages are dropped before the checks, so indexes count what is left.
        var kept = messages.Where(msg => !(Str(msg, "role") == "system" && IsEmptyContent(msg))).ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            var msg = kept[i];
            if (string.IsNullOrEmpty(Str(msg, "role")))
            {
                return Error(HttpStatusCode.BadRequest, "Each message must have a role", "invalid_request_error", "invalid_value", $"messages.{i}.role");
            }

            var toolTurn = Truthy(msg, "tool_calls") || Truthy(msg, "tool_call_id") || Truthy(msg, "function_call");
            if (!toolTurn && IsEmptyContent(msg))
            {
                return ContentRefusal(i);
            }

            if (msg.TryGetProperty("content", out var content) && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
            {
                return Error(HttpStatusCode.BadRequest, "Message content must be a string or array", "invalid_request_error", "invalid_value", $"messages.{i}.content");
            }
        }

        return null;
    }

    private static FakeResponse ContentRefusal(int index)
        => Error(HttpStatusCode.BadRequest, "Each message must have content, tool_calls, tool_call_id, or function_call", "invalid_request_error", "invalid_value", $"messages.{index}.content");

    /// <summary>Empty as the handler sees it after dropping empty text parts.</summary>
    private static bool IsEmptyContent(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind is JsonValueKind.Null or JsonValueKind.False)
        {
            return true;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!.Length == 0;
        }

        return content.ValueKind == JsonValueKind.Array && !content.EnumerateArray().Any(part =>
            part.ValueKind == JsonValueKind.Object
            && (Str(part, "type") is not ("text" or "input_text") || !string.IsNullOrWhiteSpace(Str(part, "text"))));
    }

    private static string Text(JsonElement request, FakeReplies replies)
        => replies.AssistantText.Replace("{input}", LastUserText(request), StringComparison.Ordinal);

    private static string LastUserText(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input))
        {
            return string.Empty;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return input.GetString()!;
        }

        var last = string.Empty;
        foreach (var item in input.ValueKind == JsonValueKind.Array ? input.EnumerateArray() : default)
        {
            if (Str(item, "role") == "user" && item.TryGetProperty("content", out var content))
            {
                last = content.ValueKind == JsonValueKind.String ? content.GetString()!
                    : string.Concat(content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().Select(p => Str(p, "text")) : []);
            }
            else if (Str(item, "type") == "function_call_output" || Str(item, "role") == "tool")
            {
                last = "(tool result) " + (Str(item, "output") ?? Str(item, "content"));
            }
        }

        return last;
    }

    /// <summary>The first function tool, called once unless the input already answers a call.</summary>
    private static (string Name, string Arguments)? NativeTool(JsonElement request, FakeReplies replies)
        => AnswersCall(request) ? null : FirstFunction(request, replies, tool => Str(tool, "name"), tool => tool.TryGetProperty("parameters", out var p) ? p : default);

    private static (string Name, string Arguments)? TranslatedTool(JsonElement request, FakeReplies replies)
        => AnswersCall(request) ? null : FirstFunction(
            request,
            replies,
            tool => Str(tool, "name") ?? (tool.TryGetProperty("function", out var f) ? Str(f, "name") : null),
            tool => tool.TryGetProperty("parameters", out var p) ? p : tool.TryGetProperty("function", out var f) && f.TryGetProperty("parameters", out var fp) ? fp : default);

    private static (string Name, string Arguments)? FirstFunction(JsonElement request, FakeReplies replies, Func<JsonElement, string?> name, Func<JsonElement, JsonElement> parameters)
    {
        if (!replies.CallToolsWhenOffered || !request.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var tool in tools.EnumerateArray())
        {
            if (Str(tool, "type") == "function" && name(tool) is { } toolName)
            {
                return (toolName, replies.ToolInput?.GetRawText() ?? SampleArguments(parameters(tool)));
            }
        }

        return null;
    }

    private static bool AnswersCall(JsonElement request)
        => request.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array
            && input.EnumerateArray().Any(item => Str(item, "type") == "function_call_output" || Str(item, "role") == "tool");

    private static string SampleArguments(JsonElement schema) => JsonText.Object(w =>
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var property in required.EnumerateArray())
        {
            w.WriteString(property.GetString() ?? "value", "example");
        }
    });

    // ---- translation path ----

    private static string TranslatedResponse(Turn turn) => JsonText.Object(w =>
    {
        Header(w, turn, "completed");
        w.WriteNull("incomplete_details");
        w.WriteStartArray("output");
        w.WriteStartObject();
        w.WriteString("type", "message");
        w.WriteNumber("index", 0);
        w.WriteString("id", turn.Id);
        w.WriteString("role", "assistant");
        OutputText(w, turn.Tool is null ? turn.Text : string.Empty);
        w.WriteString("status", "completed");
        if (turn.Tool is { } tool)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteString("id", "call_fake_01");
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", tool.Name);
            w.WriteString("arguments", tool.Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
        Usage(w, turn, details: false);
        w.WriteNull("error");
    });

    private static FakeResponse TranslatedStream(Turn turn, long millis, int chunkLength)
    {
        // The handler names the message item after the clock and never streams tool calls.
        var itemId = $"msg_{millis}";
        var events = new List<string>
        {
            JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "response.created");
                w.WriteStartObject("response");
                Header(w, turn, "in_progress");
                w.WriteNull("incomplete_details");
                w.WriteStartArray("output");
                w.WriteEndArray();
                w.WriteNull("usage");
                w.WriteNull("error");
                w.WriteEndObject();
            })),
            JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "response.output_item.added");
                w.WriteNumber("output_index", 0);
                w.WritePropertyName("item");
                MessageItem(w, itemId, null, "in_progress");
            })),
        };
        foreach (var piece in JsonText.Chunks(turn.Text, chunkLength))
        {
            events.Add(JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "response.output_text.delta");
                w.WriteString("item_id", itemId);
                w.WriteNumber("output_index", 0);
                w.WriteNumber("content_index", 0);
                w.WriteString("delta", piece);
            })));
        }

        events.Add(JsonText.DataFrame(JsonText.Object(w =>
        {
            w.WriteString("type", "response.output_item.done");
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            MessageItem(w, itemId, turn.Text, "completed");
        })));
        var completed = JsonText.DataFrame(JsonText.Object(w =>
        {
            w.WriteString("type", "response.completed");
            w.WriteStartObject("response");
            Header(w, turn, "completed");
            w.WriteNull("incomplete_details");
            w.WriteStartArray("output");
            MessageItem(w, itemId, turn.Text, "completed");
            w.WriteEndArray();
            Usage(w, turn with { Tool = null }, details: false);
            w.WriteNull("error");
            w.WriteEndObject();
        }));
        // A failure mid-stream aborts the connection: no error event on this path.
        return new FakeResponse { ContentType = "text/event-stream", Events = events, TerminalEvent = completed, ErrorEvent = null };
    }

    // ---- native path ----

    private static string NativeResponse(Turn turn, bool completed) => JsonText.Object(w => NativeResponseMembers(w, turn, completed));

    private static void NativeResponseMembers(Utf8JsonWriter w, Turn turn, bool completed)
    {
        Header(w, turn, completed ? "completed" : "in_progress");
        w.WriteNull("incomplete_details");
        w.WriteNull("instructions");
        w.WriteStartArray("output");
        if (completed)
        {
            MessageItem(w, "msg_" + turn.Id[5..], turn.Text, "completed");
            if (turn.Tool is { } tool)
            {
                FunctionCallItem(w, turn, tool.Name, tool.Arguments, "completed");
            }
        }

        w.WriteEndArray();
        if (completed)
        {
            Usage(w, turn, details: true);
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteNull("error");
    }

    private static FakeResponse NativeStream(Turn turn, int chunkLength)
    {
        var sequence = 0;
        var events = new List<string>();
        void Add(string type, Action<Utf8JsonWriter> members) => events.Add(JsonText.EventFrame(type, JsonText.Object(w =>
        {
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", sequence++);
            members(w);
        })));
        var messageId = "msg_" + turn.Id[5..];
        Add("response.created", w => { w.WritePropertyName("response"); w.WriteStartObject(); NativeResponseMembers(w, turn, completed: false); w.WriteEndObject(); });
        Add("response.in_progress", w => { w.WritePropertyName("response"); w.WriteStartObject(); NativeResponseMembers(w, turn, completed: false); w.WriteEndObject(); });
        Add("response.output_item.added", w => { w.WriteNumber("output_index", 0); w.WritePropertyName("item"); MessageItem(w, messageId, null, "in_progress"); });
        Add("response.content_part.added", w => { Location(w, messageId); w.WritePropertyName("part"); TextPart(w, string.Empty); });
        foreach (var piece in JsonText.Chunks(turn.Text, chunkLength))
        {
            Add("response.output_text.delta", w => { Location(w, messageId); w.WriteString("delta", piece); });
        }

        Add("response.output_text.done", w => { Location(w, messageId); w.WriteString("text", turn.Text); });
        Add("response.content_part.done", w => { Location(w, messageId); w.WritePropertyName("part"); TextPart(w, turn.Text); });
        Add("response.output_item.done", w => { w.WriteNumber("output_index", 0); w.WritePropertyName("item"); MessageItem(w, messageId, turn.Text, "completed"); });
        if (turn.Tool is { } tool)
        {
            var callItem = "fc_" + turn.Id[5..];
            Add("response.output_item.added", w => { w.WriteNumber("output_index", 1); w.WritePropertyName("item"); FunctionCallItem(w, turn, tool.Name, string.Empty, "in_progress"); });
            foreach (var piece in JsonText.Chunks(tool.Arguments, chunkLength))
            {
                Add("response.function_call_arguments.delta", w => { w.WriteString("item_id", callItem); w.WriteNumber("output_index", 1); w.WriteString("delta", piece); });
            }

            Add("response.function_call_arguments.done", w => { w.WriteString("item_id", callItem); w.WriteNumber("output_index", 1); w.WriteString("arguments", tool.Arguments); });
            Add("response.output_item.done", w => { w.WriteNumber("output_index", 1); w.WritePropertyName("item"); FunctionCallItem(w, turn, tool.Name, tool.Arguments, "completed"); });
        }

        var terminal = JsonText.EventFrame("response.completed", JsonText.Object(w =>
        {
            w.WriteString("type", "response.completed");
            w.WriteNumber("sequence_number", sequence + 0);
            w.WritePropertyName("response");
            w.WriteStartObject();
            NativeResponseMembers(w, turn, completed: true);
            w.WriteEndObject();
        }));
        var errorSequence = sequence;
        return new FakeResponse
        {
            ContentType = "text/event-stream",
            Events = events,
            TerminalEvent = terminal,
            ErrorEvent = fault => JsonText.EventFrame("error", JsonText.Object(w =>
            {
                w.WriteString("type", "error");
                w.WriteNumber("sequence_number", errorSequence);
                w.WriteString("code", fault.ErrorType == "api_error" ? "server_error" : fault.ErrorType);
                w.WriteString("message", fault.Message ?? "The provider failed");
                w.WriteNull("param");
            })),
        };
    }

    // ---- shared pieces ----

    private static void Header(Utf8JsonWriter w, Turn turn, string status)
    {
        w.WriteString("id", turn.Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", turn.Created);
        w.WriteString("model", turn.Model);
        w.WriteString("status", status);
    }

    private static void Location(Utf8JsonWriter w, string itemId)
    {
        w.WriteString("item_id", itemId);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }

    private static void MessageItem(Utf8JsonWriter w, string id, string? text, string status)
    {
        w.WriteStartObject();
        w.WriteString("type", "message");
        w.WriteString("id", id);
        w.WriteString("role", "assistant");
        if (text is null)
        {
            w.WriteStartArray("content");
            w.WriteEndArray();
        }
        else
        {
            OutputText(w, text);
        }

        w.WriteString("status", status);
        w.WriteEndObject();
    }

    private static void OutputText(Utf8JsonWriter w, string text)
    {
        w.WriteStartArray("content");
        TextPart(w, text);
        w.WriteEndArray();
    }

    private static void TextPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void FunctionCallItem(Utf8JsonWriter w, Turn turn, string name, string arguments, string status)
    {
        w.WriteStartObject();
        w.WriteString("type", "function_call");
        w.WriteString("id", "fc_" + turn.Id[5..]);
        w.WriteString("call_id", "call_fake_01");
        w.WriteString("name", name);
        w.WriteString("arguments", arguments);
        w.WriteString("status", status);
        w.WriteEndObject();
    }

    private static void Usage(Utf8JsonWriter w, Turn turn, bool details)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", turn.InputTokens);
        if (details)
        {
            w.WriteStartObject("input_tokens_details");
            w.WriteNumber("cached_tokens", 0);
            w.WriteEndObject();
        }

        w.WriteNumber("output_tokens", turn.OutputTokens);
        if (details)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("reasoning_tokens", 0);
            w.WriteEndObject();
        }

        w.WriteNumber("total_tokens", turn.InputTokens + turn.OutputTokens);
        w.WriteEndObject();
    }

    private static FakeResponse Error(HttpStatusCode status, string message, string type, string code, string? param = null) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        if (param is not null)
        {
            w.WriteString("param", param);
        }

        w.WriteString("code", code);
        w.WriteEndObject();
    }), status);

    private static string? Str(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Truthy(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined) && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    [GeneratedRegex(@"^gpt-5(\b|[-.])", RegexOptions.CultureInvariant)]
    private static partial Regex NativeModel();
}
