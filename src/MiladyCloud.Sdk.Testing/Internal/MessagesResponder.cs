using System.Text.Json;
using System.Security.Cryptography;


namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>POST /messages in the server's Anthropic-style wire format, with a tool call when tools are offered.</summary>
internal static class MessagesResponder
{
    public static FakeResponse Respond(JsonElement request, FakeReplies replies)
    {
        var model = request.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
        var text = replies.AssistantText.Replace("{input}", JsonText.LastUserText(request), StringComparison.Ordinal);
        var tool = ChooseTool(request, replies);
        var id = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var stream = request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var outputTokens = Math.Max(1, text.Length / 4);
        return stream
            ? Stream(id, model, text, tool, outputTokens, replies.StreamChunkLength)
            : FakeResponse.Json(Message(id, model, text, tool, outputTokens));
    }

    private static (string Name, string InputJson)? ChooseTool(JsonElement request, FakeReplies replies)
    {
        if (!replies.CallToolsWhenOffered || !request.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return null;
        }

        if (request.GetRawText().Contains("\"tool_result\"", StringComparison.Ordinal))
        {
            return null;
        }

        var first = tools[0];
        var name = first.TryGetProperty("name", out var n) ? n.GetString() ?? "tool" : "tool";
        var input = replies.ToolInput?.GetRawText() ?? SampleInput(first);
        return (name, input);
    }

    private static string SampleInput(JsonElement tool) => JsonText.Object(w =>
    {
        if (!tool.TryGetProperty("input_schema", out var schema) || !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var property in required.EnumerateArray())
        {
            w.WriteString(property.GetString() ?? "value", "example");
        }
    });

    private static string Message(string id, string model, string text, (string Name, string InputJson)? tool, int outputTokens) => JsonText.Object(w =>
    {
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
        if (tool is { } call)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", "toolu_fake_01");
            w.WriteString("name", call.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(call.InputJson);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", model);
        w.WriteString("stop_reason", tool is null ? "end_turn" : "tool_use");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 24);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    });

    private static FakeResponse Stream(string id, string model, string text, (string Name, string InputJson)? tool, int outputTokens, int chunkLength)
    {
        var events = new List<string>
        {
            JsonText.EventFrame("message_start", MessageStart(id, model)),
            JsonText.EventFrame("ping", """{"type":"ping"}"""),
            JsonText.EventFrame("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        };
        foreach (var piece in JsonText.Chunks(text, chunkLength))
        {
            events.Add(JsonText.EventFrame("content_block_delta", JsonText.Object(w =>
            {
                w.WriteString("type", "content_block_delta");
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                w.WriteString("type", "text_delta");
                w.WriteString("text", piece);
                w.WriteEndObject();
            })));
        }

        events.Add(JsonText.EventFrame("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        if (tool is { } call)
        {
            AddToolEvents(events, call.Name, call.InputJson, chunkLength);
        }

        var stopReason = tool is null ? "end_turn" : "tool_use";
        events.Add(JsonText.EventFrame("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stopReason}}}","stop_sequence":null},"usage":{"output_tokens":{{{outputTokens}}}}}"""));
        return new FakeResponse
        {
            ContentType = "text/event-stream",
            Events = events,
            TerminalEvent = JsonText.EventFrame("message_stop", """{"type":"message_stop"}"""),
            ErrorEvent = fault => JsonText.EventFrame("error", ErrorBodies.Build(FakeErrorEnvelope.Anthropic, System.Net.HttpStatusCode.InternalServerError, fault.Message ?? "Upstream provider failed", fault.ErrorType)),
        };
    }

    private static string MessageStart(string id, string model) => JsonText.Object(w =>
    {
        w.WriteString("type", "message_start");
        w.WriteStartObject("message");
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteString("model", model);
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 24);
        w.WriteNumber("output_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void AddToolEvents(List<string> events, string name, string inputJson, int chunkLength)
    {
        events.Add(JsonText.EventFrame("content_block_start", JsonText.Object(w =>
        {
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", 1);
            w.WriteStartObject("content_block");
            w.WriteString("type", "tool_use");
            w.WriteString("id", "toolu_fake_01");
            w.WriteString("name", name);
            w.WriteStartObject("input");
            w.WriteEndObject();
            w.WriteEndObject();
        })));
        foreach (var piece in JsonText.Chunks(inputJson, chunkLength))
        {
            events.Add(JsonText.EventFrame("content_block_delta", JsonText.Object(w =>
            {
                w.WriteString("type", "content_block_delta");
                w.WriteNumber("index", 1);
                w.WriteStartObject("delta");
                w.WriteString("type", "input_json_delta");
                w.WriteString("partial_json", piece);
                w.WriteEndObject();
            })));
        }

        events.Add(JsonText.EventFrame("content_block_stop", """{"type":"content_block_stop","index":1}"""));
    }
}
