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
