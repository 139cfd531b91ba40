using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Writes small JSON documents with Utf8JsonWriter (correct escaping, no reflection).</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Object(Action<Utf8JsonWriter> members) => Write(w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    public static string DataFrame(string json) => $"data: {json}\n\n";

    public static string EventFrame(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    /// <summary>The text of the last user message of a chat or messages request, or empty.</summary>
    public static string LastUserText(JsonElement request)
    {
        if (!request.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var last = string.Empty;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"))
            {
                last = ContentText(message);
            }
        }

        return last;
    }

    public static IEnumerable<string> Chunks(string text, int length)
    {
        length = Math.Max(1, length);
        for (var i = 0; i < text.Length; i += length)
        {
            yield return text.Substring(i, Math.Min(length, text.Length - i));
        }
    }

    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        var text = new StringBuilder();
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    text.Append(t.GetString());
                }
                else if (part.TryGetProperty("type", out var type) && type.ValueEquals("tool_result"))
                {
                    // A tool result stands for what the user "said" in the turn that answers a tool call.
                    text.Append("(tool result) ").Append(part.TryGetProperty("content", out var result) && result.ValueKind == JsonValueKind.String ? result.GetString() : result.GetRawText());
                }
            }
        }

        return text.ToString();
    }
}
