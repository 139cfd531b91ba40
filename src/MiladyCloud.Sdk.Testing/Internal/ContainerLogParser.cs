using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// How the service reads a container's log line: a JSON line gives its <c>level</c>, <c>message</c> and the rest as
/// metadata; <c>[LEVEL] text</c> and <c>LEVEL: text</c> give the level; otherwise words like error, warn or debug in the
/// text decide, and everything else is info.
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
            return new Entry(Normalize(bracket.Groups[1].Value), bracket.Groups[2].Value, null);
        }

        if (Prefixed().Match(text) is { Success: true } prefix && prefix.Groups[1].Length <= 8)
        {
            return new Entry(Normalize(prefix.Groups[1].Value), prefix.Groups[2].Value, null);
        }

        var lower = text.ToLowerInvariant();
        var level = lower.Contains("error", StringComparison.Ordinal) || lower.Contains("exception", StringComparison.Ordinal) || lower.Contains("failed", StringComparison.Ordinal) ? "error"
            : lower.Contains("warn", StringComparison.Ordinal) ? "warn"
            : lower.Contains("debug", StringComparison.Ordinal) || lower.Contains("trace", StringComparison.Ordinal) ? "debug"
            : "info";
        return new Entry(level, text, null);
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

        var level = parsed["level"] is JsonValue l && l.TryGetValue<string>(out var given) && given.Length > 0 ? Normalize(given) : "info";
        var message = parsed["message"] is JsonValue m && m.TryGetValue<string>(out var said) && said.Length > 0 ? said : text;
        parsed.Remove("level");
        parsed.Remove("message");
        return new Entry(level, message, parsed.Count > 0 ? parsed : null);
    }

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

    /// <summary>One parsed line.</summary>
    internal sealed record Entry(string Level, string Message, JsonObject? Metadata)
    {
        public void Write(Utf8JsonWriter w, DateTimeOffset timestamp)
        {
            w.WriteStartObject();
            w.WriteString("timestamp", FakeFormat.Iso(timestamp));
            w.WriteString("level", Level);
            w.WriteString("message", Message);
            if (Metadata is not null)
            {
                w.WritePropertyName("metadata");
                Metadata.WriteTo(w);
            }

            w.WriteEndObject();
        }
    }
}
