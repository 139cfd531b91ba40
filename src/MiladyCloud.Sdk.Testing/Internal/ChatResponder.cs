using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>POST /chat/completions in the server's real wire format (no role chunk, no usage chunk, finish "stop").</summary>
internal static class ChatResponder
{
    public static FakeResponse Respond(JsonElement request, FakeReplies replies, TimeProvider clock)
    {
        if (!IsTruthy(FakeFormat.Member(request, "model")) || !HasLength(FakeFormat.Member(request, "messages")))
        {
            // The handler's own check (`!request.model || !request.messages?.length`), before the provider is chosen.
            return FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, System.Net.HttpStatusCode.BadRequest, "Missing required fields: model and messages", "invalid_request_error", "missing_required_parameter"), System.Net.HttpStatusCode.BadRequest);
        }

        var model = request.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
        var text = replies.AssistantText.Replace("{input}", JsonText.LastUserText(request), StringComparison.Ordinal);
        var now = clock.GetUtcNow();
        var id = $"chatcmpl-{now.ToUnixTimeMilliseconds()}";
        var created = now.ToUnixTimeSeconds();
        var stream = request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return stream ? Stream(id, created, model, text, replies.StreamChunkLength) : FakeResponse.Json(Completion(id, created, model, text));
    }

    /// <summary>JavaScript's truthiness of a JSON value (absent is undefined).</summary>
    private static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Length > 0,
        JsonValueKind.Number => value.GetDouble() != 0,
        JsonValueKind.True or JsonValueKind.Object or JsonValueKind.Array => true,
        _ => false,
    };

    /// <summary>Whether <c>value?.length</c> is a non-zero number: a non-empty array or string.</summary>
    private static bool HasLength(JsonElement value)
        => (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0) || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0);

    private static string Completion(string id, long created, string model, string text) => JsonText.Object(w =>
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage");
        var prompt = 12;
        var completion = Math.Max(1, text.Length / 4);
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    });

    private static FakeResponse Stream(string id, long created, string model, string text, int chunkLength)
    {
        var events = JsonText.Chunks(text, chunkLength).Select(piece => JsonText.DataFrame(Chunk(id, created, model, piece, null))).ToList();
        events.Add(JsonText.DataFrame(Chunk(id, created, model, null, "stop")));
        return new FakeResponse
        {
            ContentType = "text/event-stream",
            Events = events,
            TerminalEvent = "data: [DONE]\n\n",
            ErrorEvent = fault => JsonText.DataFrame(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, System.Net.HttpStatusCode.InternalServerError, fault.Message ?? "Stream interrupted", fault.ErrorType, "stream_error")),
        };
    }

    private static string Chunk(string id, long created, string model, string? content, string? finishReason) => JsonText.Object(w =>
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (content is not null)
        {
            w.WriteString("content", content);
        }

        w.WriteEndObject();
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });
}
