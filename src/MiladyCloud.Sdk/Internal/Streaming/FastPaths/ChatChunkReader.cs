using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The hot path of chat streams: reads a chunk of exactly the known shape straight into the generated types with
/// one <see cref="Utf8JsonReader"/> pass, reusing the id, object and model strings of the previous chunk. Anything
/// else (a member this SDK does not know, a usage object, a wrong token type, a missing required member, malformed
/// JSON) returns <see langword="false"/> and the caller deserializes the event the general way, so extension data,
/// validation and error messages stay exactly those of the generated serializer. One instance per stream.
/// </summary>
internal sealed class ChatChunkReader
{
    private RepeatedString _id;
    private RepeatedString _object;
    private RepeatedString _model;

    public bool TryRead(ReadOnlySpan<byte> json, out ChatCompletionChunk? chunk)
    {
        chunk = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadChunk(ref reader, out var read) || reader.Read())
            {
                return false;
            }

            chunk = read;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or a string that is not valid UTF-8: the general path reports it as a format error.
            return false;
        }
    }

    private bool TryReadChunk(ref Utf8JsonReader reader, out ChatCompletionChunk? chunk)
    {
        chunk = null;
        string? id = null, kind = null, model = null;
        long? created = null;
        List<ChatChunkChoice>? choices = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            if (name.SequenceEqual("id"u8))
            {
                if (!ReadString(ref reader, ref _id, out id))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("object"u8))
            {
                if (!ReadString(ref reader, ref _object, out kind))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("created"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
                {
                    return false;
                }

                created = value;
            }
            else if (name.SequenceEqual("model"u8))
            {
                if (!ReadString(ref reader, ref _model, out model))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("choices"u8))
            {
                if (!TryReadChoices(ref reader, out choices))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("usage"u8))
            {
                // Only the absent usage of ordinary chunks; the usage chunk takes the general path.
                if (!reader.Read() || reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || id is null || kind is null || created is null || model is null || choices is null)
        {
            return false;
        }

        chunk = new ChatCompletionChunk { Id = id, Object = kind, Created = created.Value, Model = model, Choices = choices };
        return true;
    }

    private static bool TryReadChoices(ref Utf8JsonReader reader, out List<ChatChunkChoice>? choices)
    {
        choices = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<ChatChunkChoice>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadChoice(ref reader, out var choice))
            {
                return false;
            }

            list.Add(choice!);
        }

        choices = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadChoice(ref Utf8JsonReader reader, out ChatChunkChoice? choice)
    {
        choice = null;
        int? index = null;
        ChatDelta? delta = null;
        ChatFinishReason? finishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            if (name.SequenceEqual("index"u8))
            {
                if (!ReadInt(ref reader, out index))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("delta"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadDelta(ref reader, out delta))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("finish_reason"u8))
            {
                if (!ReadNullableString(ref reader, out var reason))
                {
                    return false;
                }

                finishReason = reason is null ? null : (ChatFinishReason?)FinishReason(reason);
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || index is null || delta is null)
        {
            return false;
        }

        choice = new ChatChunkChoice { Index = index.Value, Delta = delta, FinishReason = finishReason };
        return true;
    }

    private static bool TryReadDelta(ref Utf8JsonReader reader, out ChatDelta? delta)
    {
        delta = null;
        var result = new ChatDelta();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            if (name.SequenceEqual("content"u8))
            {
                if (!ReadNullableString(ref reader, out var content))
                {
                    return false;
                }

                result.Content = content;
            }
            else if (name.SequenceEqual("role"u8))
            {
                if (!ReadNullableString(ref reader, out var role))
                {
                    return false;
                }

                result.Role = role is null ? null : (ChatRole?)Role(role);
            }
            else if (name.SequenceEqual("refusal"u8))
            {
                if (!ReadNullableString(ref reader, out var refusal))
                {
                    return false;
                }

                result.Refusal = refusal;
            }
            else if (name.SequenceEqual("tool_calls"u8))
            {
                if (!TryReadToolCalls(ref reader, out var calls))
                {
                    return false;
                }

                result.ToolCalls = calls;
            }
            else
            {
                return false;
            }
        }

        delta = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool TryReadToolCalls(ref Utf8JsonReader reader, out List<ChatToolCallDelta>? calls)
    {
        calls = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<ChatToolCallDelta>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadToolCall(ref reader, out var call))
            {
                return false;
            }

            list.Add(call!);
        }

        calls = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadToolCall(ref Utf8JsonReader reader, out ChatToolCallDelta? call)
    {
        call = null;
        int? index = null;
        string? id = null, type = null;
        ChatFunctionCallDelta? function = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("index"u8))
            {
                ok = ReadInt(ref reader, out index);
            }
            else if (name.SequenceEqual("id"u8))
            {
                ok = ReadNullableString(ref reader, out id);
            }
            else if (name.SequenceEqual("type"u8))
            {
                ok = ReadNullableString(ref reader, out type);
                type = type == "function" ? "function" : type;
            }
            else if (name.SequenceEqual("function"u8))
            {
                ok = TryReadFunction(ref reader, out function);
            }
            else
            {
                return false;
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || index is null)
        {
            return false;
        }

        call = new ChatToolCallDelta { Index = index.Value, Id = id, Type = type, Function = function };
        return true;
    }

    private static bool TryReadFunction(ref Utf8JsonReader reader, out ChatFunctionCallDelta? function)
    {
        function = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var result = new ChatFunctionCallDelta();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            string? value;
            if (name.SequenceEqual("name"u8))
            {
                if (!ReadNullableString(ref reader, out value))
                {
                    return false;
                }

                result.Name = value;
            }
            else if (name.SequenceEqual("arguments"u8))
            {
                if (!ReadNullableString(ref reader, out value))
                {
                    return false;
                }

                result.Arguments = value;
            }
            else
            {
                return false;
            }
        }

        function = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadString(ref Utf8JsonReader reader, ref RepeatedString cache, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = cache.Read(ref reader);
        return true;
    }

    private static bool ReadNullableString(ref Utf8JsonReader reader, out string? value)
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

        value = reader.GetString();
        return true;
    }

    private static bool ReadInt(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private static ChatFinishReason FinishReason(string value) => value switch
    {
        "stop" => ChatFinishReason.Stop,
        _ => new ChatFinishReason(value),
    };

    private static ChatRole Role(string value) => value switch
    {
        "assistant" => ChatRole.Assistant,
        _ => new ChatRole(value),
    };

    /// <summary>
    /// The member name's bytes, compared with constant spans (one length check and a word compare each). An escaped
    /// name gives an empty span that matches nothing, so the event takes the general path.
    /// </summary>
    private static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? default : reader.ValueSpan;
}
