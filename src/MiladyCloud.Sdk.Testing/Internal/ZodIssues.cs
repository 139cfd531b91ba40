using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The messages of the zod schemas (zod 4, the service's version) the agent routes validate bodies with, for optional members.</summary>
internal static class ZodIssues
{
    /// <summary>The issue of an optional member of type <paramref name="expected"/>, or <see langword="null"/> when it is absent or fits.</summary>
    public static string? Optional(JsonElement body, string member, string expected, decimal? min = null, decimal? max = null)
    {
        var value = FakeFormat.Member(body, member);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var received = Received(value);
        if (received != expected)
        {
            return $"Invalid input: expected {expected}, received {received}";
        }

        return expected == "number" ? Range(value.GetDecimal(), min, max) : null;
    }

    /// <summary>
    /// The issue of a string member: absent or of another type, shorter than <paramref name="min"/> or longer than
    /// <paramref name="max"/>, or not of <paramref name="format"/> (<c>url</c> or <c>email</c>); <see langword="null"/>
    /// when it fits, or when it is absent and <paramref name="optional"/>.
    /// </summary>
    public static string? String(JsonElement body, string member, bool optional = false, int? min = null, int? max = null, string? format = null)
    {
        var value = FakeFormat.Member(body, member);
        if (value.ValueKind == JsonValueKind.Undefined && optional)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"Invalid input: expected string, received {Received(value)}";
        }

        var text = value.GetString()!;
        return text.Length < min ? $"Too small: expected string to have >={min} characters"
            : text.Length > max ? $"Too big: expected string to have <={max} characters"
            : format == "url" && !Uri.TryCreate(text, UriKind.Absolute, out _) ? "Invalid URL"
            : format == "email" && !LooksLikeEmail(text) ? "Invalid email address"
            : null;
    }

    /// <summary>
    /// zod's <c>error.format()</c> of these issues (member, message), as the routes send it in <c>details</c>: an
    /// <c>_errors</c> list for the body itself, then one object per member in the order of the issues.
    /// </summary>
    public static void WriteFormat(Utf8JsonWriter w, string name, IEnumerable<(string Member, string? Message)> issues)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("_errors");
        w.WriteEndArray();
        foreach (var member in issues.Where(i => i.Message is not null).GroupBy(i => i.Member))
        {
            w.WriteStartObject(member.Key);
            w.WriteStartArray("_errors");
            foreach (var (_, message) in member)
            {
                w.WriteStringValue(message);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static bool LooksLikeEmail(string text)
        => text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.');

    /// <summary>The issue of a body that is not an object, or <see langword="null"/>.</summary>
    public static string? Object(JsonElement body)
        => body.ValueKind == JsonValueKind.Object ? null : $"Invalid input: expected object, received {Received(body)}";

    private static string? Range(decimal number, decimal? min, decimal? max) => number switch
    {
        _ when number < min => $"Too small: expected number to be >={min}",
        _ when number > max => $"Too big: expected number to be <={max}",
        _ => null,
    };

    private static string Received(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        _ => "undefined",
    };
}
