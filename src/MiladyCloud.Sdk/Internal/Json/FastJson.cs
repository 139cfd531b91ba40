using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// The value readers shared by the hand-written readers. Each moves to the next token and returns
/// <see langword="false"/> when it is not what the generated serializer would accept without question, so the caller
/// leaves the whole object to that serializer.
/// </summary>
internal static class FastJson
{
    /// <summary>
    /// The member name's bytes, compared with constant spans. An escaped name gives an empty span that matches no
    /// known member; <see cref="UnknownMemberStore.Skip"/> then refuses it, so the object takes the general path.
    /// </summary>
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? default : reader.ValueSpan;

    public static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = Shared(ref reader);
        return true;
    }

    /// <summary>
    /// The string, or one shared instance for the values every answer repeats (object kinds, roles, finish reasons,
    /// tool types) instead of a new one per answer.
    /// </summary>
    private static string? Shared(ref Utf8JsonReader reader)
        => reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString() : Known(reader.ValueSpan) ?? reader.GetString();

    private static string? Known(ReadOnlySpan<byte> utf8) => utf8.Length switch
    {
        4 when utf8.SequenceEqual("stop"u8) => "stop",
        4 when utf8.SequenceEqual("user"u8) => "user",
        4 when utf8.SequenceEqual("tool"u8) => "tool",
        6 when utf8.SequenceEqual("length"u8) => "length",
        8 when utf8.SequenceEqual("function"u8) => "function",
        9 when utf8.SequenceEqual("assistant"u8) => "assistant",
        10 when utf8.SequenceEqual("tool_calls"u8) => "tool_calls",
        14 when utf8.SequenceEqual("content_filter"u8) => "content_filter",
        15 when utf8.SequenceEqual("chat.completion"u8) => "chat.completion",
        21 when utf8.SequenceEqual("chat.completion.chunk"u8) => "chat.completion.chunk",
        _ => null,
    };

    public static bool NullableString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = Shared(ref reader);
        return true;
    }

    public static bool Int(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    public static bool Long(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    /// <summary>A <c>null</c> token (an absent optional object).</summary>
    public static bool IsNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    public static ChatFinishReason FinishReason(string value) => value switch
    {
        "stop" => ChatFinishReason.Stop,
        "tool_calls" => ChatFinishReason.ToolCalls,
        "length" => ChatFinishReason.Length,
        _ => new ChatFinishReason(value),
    };

    public static ChatRole Role(string value) => value switch
    {
        "assistant" => ChatRole.Assistant,
        _ => new ChatRole(value),
    };

    /// <summary>A tool call's type: the usual value without a new string.</summary>
    public static string? ToolType(string? value) => value == "function" ? "function" : value;
}
