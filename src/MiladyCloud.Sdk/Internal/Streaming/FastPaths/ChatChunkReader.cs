using System.Text.Json;
using MiladyCloud.Sdk.Internal.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The hot path of chat streams: reads a chunk straight into the generated types with one <see cref="Utf8JsonReader"/>
/// pass, reusing the id, object and model strings of the previous chunk. Members in any order, <c>null</c> optional
/// values, escaped strings, tool-call deltas and the usage chunk (<c>choices: []</c>) are read here; members this SDK
/// does not know (<c>system_fingerprint</c>, <c>service_tier</c>, <c>logprobs</c>, <c>obfuscation</c> …) are skipped
/// and kept as raw UTF-8 behind each object's <c>AdditionalProperties</c> (see <see cref="UnknownMembers"/>).
/// Anything else (an escaped member name, a wrong token type, a missing required member, malformed JSON) returns
/// <see langword="false"/> and the caller deserializes the event the general way, so validation and error messages
/// stay exactly those of the generated serializer. One instance per stream.
/// </summary>
internal sealed class ChatChunkReader
{
    private const int ChunkSlot = 0;
    private const int ChoiceSlot = 1;
    private const int DeltaSlot = 2;
    private const int ToolCallSlot = 3;
    private const int FunctionSlot = 4;

    private readonly UnknownMemberStore _unknown = new(remember: true);
    private RepeatedString _id;
    private RepeatedString _object;
    private RepeatedString _model;

    public bool TryRead(ReadOnlySpan<byte> json, out ChatCompletionChunk? chunk)
    {
        chunk = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadChunk(json, ref reader, out var read) || reader.Read())
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

    private bool TryReadChunk(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ChatCompletionChunk? chunk)
    {
        chunk = null;
        string? id = null, kind = null, model = null;
        long? created = null;
        CompactList<ChatChunkChoice>? choices = null;
        ChatUsage? usage = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("id"u8))
            {
                ok = ReadRepeated(ref reader, ref _id, out id);
            }
            else if (name.SequenceEqual("object"u8))
            {
                ok = ReadRepeated(ref reader, ref _object, out kind);
            }
            else if (name.SequenceEqual("created"u8))
            {
                ok = FastJson.Long(ref reader, out var value);
                created = value;
            }
            else if (name.SequenceEqual("model"u8))
            {
                ok = ReadRepeated(ref reader, ref _model, out model);
            }
            else if (name.SequenceEqual("choices"u8))
            {
                ok = TryReadChoices(json, ref reader, out choices);
            }
            else if (name.SequenceEqual("usage"u8))
            {
                ok = ChatUsageReader.TryRead(json, ref reader, _unknown, out usage);
            }
            else
            {
                ok = UnknownMemberStore.Skip(ref reader, ref unknown);
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || id is null || kind is null || created is null || model is null || choices is null)
        {
            return false;
        }

        chunk = new ChatCompletionChunk { Id = id, Object = kind, Created = created.Value, Model = model, Choices = choices, Usage = usage };
        if (_unknown.Create(json, unknown, ChunkSlot) is { } members)
        {
            chunk.AdditionalProperties = members;
        }

        return true;
    }

    private bool TryReadChoices(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out CompactList<ChatChunkChoice>? choices)
    {
        choices = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new CompactList<ChatChunkChoice>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadChoice(json, ref reader, out var choice))
            {
                return false;
            }

            list.Add(choice!);
        }

        choices = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool TryReadChoice(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ChatChunkChoice? choice)
    {
        choice = null;
        int? index = null;
        ChatDelta? delta = null;
        ChatFinishReason? finishReason = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("index"u8))
            {
                ok = FastJson.Int(ref reader, out var value);
                index = value;
            }
            else if (name.SequenceEqual("delta"u8))
            {
                ok = reader.Read() && reader.TokenType == JsonTokenType.StartObject && TryReadDelta(json, ref reader, out delta);
            }
            else if (name.SequenceEqual("finish_reason"u8))
            {
                ok = FastJson.NullableString(ref reader, out var reason);
                finishReason = reason is null ? null : (ChatFinishReason?)FastJson.FinishReason(reason);
            }
            else
            {
                ok = UnknownMemberStore.Skip(ref reader, ref unknown);
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || index is null || delta is null)
        {
            return false;
        }

        choice = new ChatChunkChoice { Index = index.Value, Delta = delta, FinishReason = finishReason };
        if (_unknown.Create(json, unknown, ChoiceSlot) is { } members)
        {
            choice.AdditionalProperties = members;
        }

        return true;
    }

    private bool TryReadDelta(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ChatDelta? delta)
    {
        delta = null;
        var result = new ChatDelta();
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            string? value;
            if (name.SequenceEqual("content"u8))
            {
                ok = FastJson.NullableString(ref reader, out value);
                result.Content = value;
            }
            else if (name.SequenceEqual("role"u8))
            {
                ok = FastJson.NullableString(ref reader, out value);
                result.Role = value is null ? null : (ChatRole?)FastJson.Role(value);
            }
            else if (name.SequenceEqual("refusal"u8))
            {
                ok = FastJson.NullableString(ref reader, out value);
                result.Refusal = value;
            }
            else if (name.SequenceEqual("tool_calls"u8))
            {
                ok = TryReadToolCalls(json, ref reader, out var calls);
                result.ToolCalls = calls;
            }
            else
            {
                ok = UnknownMemberStore.Skip(ref reader, ref unknown);
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        if (_unknown.Create(json, unknown, DeltaSlot) is { } members)
        {
            result.AdditionalProperties = members;
        }

        delta = result;
        return true;
    }

    private bool TryReadToolCalls(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out CompactList<ChatToolCallDelta>? calls)
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

        var list = new CompactList<ChatToolCallDelta>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadToolCall(json, ref reader, out var call))
            {
                return false;
            }

            list.Add(call!);
        }

        calls = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool TryReadToolCall(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ChatToolCallDelta? call)
    {
        call = null;
        int? index = null;
        string? id = null, type = null;
        ChatFunctionCallDelta? function = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("index"u8))
            {
                ok = FastJson.Int(ref reader, out var value);
                index = value;
            }
            else if (name.SequenceEqual("id"u8))
            {
                ok = FastJson.NullableString(ref reader, out id);
            }
            else if (name.SequenceEqual("type"u8))
            {
                ok = FastJson.NullableString(ref reader, out type);
                type = FastJson.ToolType(type);
            }
            else if (name.SequenceEqual("function"u8))
            {
                ok = TryReadFunction(json, ref reader, out function);
            }
            else
            {
                ok = UnknownMemberStore.Skip(ref reader, ref unknown);
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
        if (_unknown.Create(json, unknown, ToolCallSlot) is { } members)
        {
            call.AdditionalProperties = members;
        }

        return true;
    }

    private bool TryReadFunction(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out ChatFunctionCallDelta? function)
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
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            string? value;
            if (name.SequenceEqual("name"u8))
            {
                ok = FastJson.NullableString(ref reader, out value);
                result.Name = value;
            }
            else if (name.SequenceEqual("arguments"u8))
            {
                ok = FastJson.NullableString(ref reader, out value);
                result.Arguments = value;
            }
            else
            {
                ok = UnknownMemberStore.Skip(ref reader, ref unknown);
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        if (_unknown.Create(json, unknown, FunctionSlot) is { } members)
        {
            result.AdditionalProperties = members;
        }

        function = result;
        return true;
    }

    private static bool ReadRepeated(ref Utf8JsonReader reader, ref RepeatedString cache, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = cache.Read(ref reader);
        return true;
    }
}
