using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// How the service reads a container's log line: a JSON line gives its <c>level</c>, <c>message</c> and the rest as
/// metadata; <c>[LEVEL] text</c> and <c>LEVEL: text</c> give the level; otherwise words like error, warn or debug in the
/// text decide, and everything else is info. Like the service, a JSON line keeps its <c>message</c> as logged (any
/// truthy JSON value, not only a string), and a JSON line whose <c>level</c> is truthy but not a string (pino's numeric
/// levels) makes the service's <c>toLowerCase</c> throw, so that line is read as plain text.
/// </summary>
internal static partial class ContainerLogParser
{
    public static Entry Parse(string line)
    {
        var text = line.Trim();
        if (text.StartsWith('{') && FromJson(text) is { } json)
        {
            return json;
        }

        if (Bracketed().Match(text) is { Success: true } bracket)
        {
            return new Entry(Normalize(bracket.Groups[1].Value), JsonValue.Create(bracket.Groups[2].Value), null);
        }

        if (Prefixed().Match(text) is { Success: true } prefix && prefix.Groups[1].Length <= 8)
        {
            return new Entry(Normalize(prefix.Groups[1].Value), JsonValue.Create(prefix.Groups[2].Value), null);
        }

        var lower = text.ToLowerInvariant();
        var level = lower.Contains("error", StringComparison.Ordinal) || lower.Contains("exception", StringComparison.Ordinal) || lower.Contains("failed", StringComparison.Ordinal) ? "error"
            : lower.Contains("warn", StringComparison.Ordinal) ? "warn"
            : lower.Contains("debug", StringComparison.Ordinal) || lower.Contains("trace", StringComparison.Ordinal) ? "debug"
            : "info";
        return new Entry(level, JsonValue.Create(text), null);
    }

    private static Entry? FromJson(string text)
    {
        JsonObject? parsed;
        try
        {
            parsed = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (parsed is null)
        {
            return null;
        }

        var level = "info";
        if (IsTruthy(parsed["level"]))
        {
            if (parsed["level"] is not JsonValue l || !l.TryGetValue<string>(out var given))
            {
                return null;
            }

            level = Normalize(given);
        }

        var message = IsTruthy(parsed["message"]) ? parsed["message"]!.DeepClone() : JsonValue.Create(text);
        parsed.Remove("level");
        parsed.Remove("message");
        return new Entry(level, message, parsed.Count > 0 ? parsed : null);
    }

    /// <summary>JavaScript truthiness of a JSON value: not missing, null, false, 0 or the empty string.</summary>
    private static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length > 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>() != 0,
        _ => true,
    };

    private static string Normalize(string level)
    {
        var lower = level.ToLowerInvariant();
        return lower.Contains("err", StringComparison.Ordinal) || lower.Contains("fatal", StringComparison.Ordinal) ? "error"
            : lower.Contains("warn", StringComparison.Ordinal) ? "warn"
            : lower.Contains("debug", StringComparison.Ordinal) || lower.Contains("trace", StringComparison.Ordinal) ? "debug"
            : "info";
    }

    [GeneratedRegex(@"^\[([A-Za-z0-9_]+)\]\s*(.*)$")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^([A-Za-z0-9_]+):\s*(.*)$")]
    private static partial Regex Prefixed();

    /// <summary>One parsed line; the message is usually a string, but a JSON line's is any value.</summary>
    internal sealed record Entry(string Level, JsonNode Message, JsonObject? Metadata)
    {
        public void Write(Utf8JsonWriter w, DateTimeOffset timestamp)
        {
            w.WriteStartObject();
            w.WriteString("timestamp", FakeFormat.Iso(timestamp));
            w.WriteString("level", Level);
            w.WritePropertyName("message");
            Message.WriteTo(w);
            if (Metadata is not null)
            {
                w.WritePropertyName("metadata");
                Metadata.WriteTo(w);
            }

            w.WriteEndObject();
        }
    }
}
