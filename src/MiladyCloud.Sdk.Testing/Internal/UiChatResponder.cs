using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// POST /api/v1/chat: the handler's checks in its order (empty messages, roles, the converter's refusal of a tool
/// message), then the answer as the Vercel AI SDK writes a UI message stream (protocol v1): <c>start</c>, one step
/// with reasoning (tier <c>ultra</c>, a thinking model) and text parts, <c>finish</c>, <c>data: [DONE]</c>. A failure
/// mid-stream is an <c>error</c> part followed by <c>[DONE]</c>, as the SDK's stream writer sends it.
/// </summary>
internal static class UiChatResponder
{
    private static readonly string[] AcceptedRoles = ["user", "assistant", "system", "tool"];

    public static bool IsRoute(string path) => path == "/api/v1/chat";

    /// <summary>Without valid credentials the handler falls back to an anonymous session; the fake has none to find.</summary>
    public static FakeResponse Unauthenticated() => Plain(HttpStatusCode.Unauthorized, "Authentication required");

    /// <summary>The handler's answer when the credit reservation fails.</summary>
    public static FakeResponse InsufficientBalance() => FakeResponse.Json(
        """{"error":"Insufficient balance","details":"Insufficient credits. Required: $0.0200, Available: $0.0000"}""",
        HttpStatusCode.PaymentRequired);

    public static FakeResponse Respond(JsonElement request, FakeReplies replies)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            // req.json() throws on a body that is not JSON; the handler's catch answers 500.
            return Plain(HttpStatusCode.InternalServerError, "Failed to process chat");
        }

        if (!request.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Plain(HttpStatusCode.BadRequest, "Messages array cannot be empty");
        }

        var index = 0;
        var hasTool = false;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "undefined";
            if (!AcceptedRoles.Contains(role))
            {
                return Plain(HttpStatusCode.BadRequest, $"Invalid message role \"{role}\" at index {index}. Valid roles: {string.Join(", ", AcceptedRoles)}");
            }

            hasTool |= role == "tool";
            index++;
        }

        if (hasTool)
        {
            // convertToModelMessages knows no tool role ("Unsupported role: tool"); the handler's catch hides it.
            return Plain(HttpStatusCode.InternalServerError, "Failed to process chat");
        }

        var tier = request.TryGetProperty("tier", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var text = replies.AssistantText.Replace("{input}", LastUserText(messages), StringComparison.Ordinal);
        return Stream(text, thinks: tier == "ultra", replies.StreamChunkLength);
    }

    private static FakeResponse Stream(string text, bool thinks, int chunkLength)
    {
        var events = new List<string>
        {
            Part(w => w.WriteString("type", "start")),
            Part(w => w.WriteString("type", "start-step")),
        };
        if (thinks)
        {
            events.Add(Part(w => { w.WriteString("type", "reasoning-start"); w.WriteString("id", "reasoning-0"); }));
            events.Add(Part(w => { w.WriteString("type", "reasoning-delta"); w.WriteString("id", "reasoning-0"); w.WriteString("delta", "The user greets me."); }));
            events.Add(Part(w => { w.WriteString("type", "reasoning-end"); w.WriteString("id", "reasoning-0"); }));
        }

        events.Add(Part(w => { w.WriteString("type", "text-start"); w.WriteString("id", "text-0"); }));
        foreach (var piece in JsonText.Chunks(text, chunkLength))
        {
            events.Add(Part(w => { w.WriteString("type", "text-delta"); w.WriteString("id", "text-0"); w.WriteString("delta", piece); }));
        }

        events.Add(Part(w => { w.WriteString("type", "text-end"); w.WriteString("id", "text-0"); }));
        events.Add(Part(w => w.WriteString("type", "finish-step")));
        events.Add(Part(w => { w.WriteString("type", "finish"); w.WriteString("finishReason", "stop"); }));
        var response = new FakeResponse
        {
            ContentType = "text/event-stream",
            Events = events,
            TerminalEvent = "data: [DONE]\n\n",
            ErrorEvent = fault => Part(w => { w.WriteString("type", "error"); w.WriteString("errorText", fault.Message ?? "Upstream provider failed"); }) + "data: [DONE]\n\n",
        };
        response.Headers["x-vercel-ai-ui-message-stream"] = "v1";
        response.Headers["x-accel-buffering"] = "no";
        return response;
    }

    /// <summary>The text of the last message, from its text parts (UI form) or its content (OpenAI form).</summary>
    private static string LastUserText(JsonElement messages)
    {
        var last = messages[messages.GetArrayLength() - 1];
        if (last.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            return string.Concat(parts.EnumerateArray()
                .Where(p => p.TryGetProperty("type", out var type) && type.ValueEquals("text") && p.TryGetProperty("text", out var pt) && pt.ValueKind == JsonValueKind.String)
                .Select(p => p.GetProperty("text").GetString()));
        }

        return last.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : string.Empty;
    }

    private static string Part(Action<Utf8JsonWriter> members) => JsonText.DataFrame(JsonText.Object(members));

    private static FakeResponse Plain(HttpStatusCode status, string message) => FakeResponse.Json(JsonText.Object(w => w.WriteString("error", message)), status);
}
