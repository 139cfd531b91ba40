using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// The hot path of non-streaming chat answers: reads a <see cref="ChatCompletion"/> (content, tool calls, usage,
/// pretty-printed or compact, members in any order) straight into the generated types with one
/// <see cref="Utf8JsonReader"/> pass. Members this SDK does not know are kept as raw UTF-8 behind each object's
/// <c>AdditionalProperties</c>. It exists because the generated serializer sets C# <c>required</c> members through its
/// parameterized-constructor path (every value cached as a constructor argument first), which made deserializing the
/// answer cost more than the rest of the call. Anything it cannot read exactly as that serializer would (an escaped
/// member name, a wrong token type, a missing required member, malformed JSON) returns <see langword="false"/> and the
/// caller deserializes the answer the general way, errors included.
/// </summary>
internal static class ChatCompletionReader
{
    private const int CompletionSlot = 0;
    private const int ChoiceSlot = 1;
    private const int MessageSlot = 2;
    private const int ToolCallSlot = 3;
    private const int FunctionSlot = 4;

    public static bool TryRead(ReadOnlySpan<byte> json, out ChatCompletion? completion)
    {
        completion = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            var store = UnknownMemberStore.Unshared;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadCompletion(json, ref reader, store, out var read) || reader.Read())
            {
                return false;
            }

            completion = read;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or a string that is not valid UTF-8: the general path reports it as a format error.
            return false;
        }
    }

    private static bool TryReadCompletion(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatCompletion? completion)
    {
        completion = null;
        string? id = null, kind = null, model = null;
        long? created = null;
        CompactList<ChatChoice>? choices = null;
        ChatUsage? usage = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("id"u8))
            {
                ok = FastJson.String(ref reader, out id);
            }
            else if (name.SequenceEqual("object"u8))
            {
                ok = FastJson.String(ref reader, out kind);
            }
            else if (name.SequenceEqual("created"u8))
            {
                ok = FastJson.Long(ref reader, out var value);
                created = value;
            }
            else if (name.SequenceEqual("model"u8))
            {
                ok = FastJson.String(ref reader, out model);
            }
            else if (name.SequenceEqual("choices"u8))
            {
                ok = TryReadChoices(json, ref reader, store, out choices);
            }
            else if (name.SequenceEqual("usage"u8))
            {
                ok = ChatUsageReader.TryRead(json, ref reader, store, out usage);
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

        completion = new ChatCompletion { Id = id, Object = kind, Created = created.Value, Model = model, Choices = choices, Usage = usage };
        if (store.Create(json, unknown, CompletionSlot) is { } members)
        {
            completion.AdditionalProperties = members;
        }

        return true;
    }

    private static bool TryReadChoices(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out CompactList<ChatChoice>? choices)
    {
        choices = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new CompactList<ChatChoice>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadChoice(json, ref reader, store, out var choice))
            {
                return false;
            }

            list.Add(choice!);
        }

        choices = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadChoice(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatChoice? choice)
    {
        choice = null;
        int? index = null;
        ChatResponseMessage? message = null;
        string? finishReason = null;
        JsonElement? logprobs = null;
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
            else if (name.SequenceEqual("message"u8))
            {
                ok = reader.Read() && reader.TokenType == JsonTokenType.StartObject && TryReadMessage(json, ref reader, store, out message);
            }
            else if (name.SequenceEqual("finish_reason"u8))
            {
                // A null finish reason is the general path's to judge.
                ok = FastJson.String(ref reader, out finishReason);
            }
            else if (name.SequenceEqual("logprobs"u8))
            {
                ok = reader.Read();
                logprobs = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
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

        if (reader.TokenType != JsonTokenType.EndObject || index is null || message is null || finishReason is null)
        {
            return false;
        }

        choice = new ChatChoice { Index = index.Value, Message = message, FinishReason = FastJson.FinishReason(finishReason), Logprobs = logprobs };
        if (store.Create(json, unknown, ChoiceSlot) is { } members)
        {
            choice.AdditionalProperties = members;
        }

        return true;
    }

    private static bool TryReadMessage(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatResponseMessage? message)
    {
        message = null;
        string? role = null, content = null, refusal = null;
        List<ChatToolCall>? toolCalls = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("content"u8))
            {
                ok = FastJson.NullableString(ref reader, out content);
            }
            else if (name.SequenceEqual("role"u8))
            {
                ok = FastJson.String(ref reader, out role);
            }
            else if (name.SequenceEqual("tool_calls"u8))
            {
                ok = TryReadToolCalls(json, ref reader, store, out toolCalls);
            }
            else if (name.SequenceEqual("refusal"u8))
            {
                ok = FastJson.NullableString(ref reader, out refusal);
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

        if (reader.TokenType != JsonTokenType.EndObject || role is null)
        {
            return false;
        }

        message = new ChatResponseMessage { Role = FastJson.Role(role), Content = content, ToolCalls = toolCalls, Refusal = refusal };
        if (store.Create(json, unknown, MessageSlot) is { } members)
        {
            message.AdditionalProperties = members;
        }

        return true;
    }

    private static bool TryReadToolCalls(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out List<ChatToolCall>? calls)
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

        var list = new List<ChatToolCall>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadToolCall(json, ref reader, store, out var call))
            {
                return false;
            }

            list.Add(call!);
        }

        calls = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadToolCall(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatToolCall? call)
    {
        call = null;
        string? id = null, type = null;
        ChatFunctionCall? function = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            bool ok;
            if (name.SequenceEqual("id"u8))
            {
                ok = FastJson.String(ref reader, out id);
            }
            else if (name.SequenceEqual("type"u8))
            {
                ok = FastJson.String(ref reader, out type);
            }
            else if (name.SequenceEqual("function"u8))
            {
                ok = reader.Read() && reader.TokenType == JsonTokenType.StartObject && TryReadFunction(json, ref reader, store, out function);
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

        if (reader.TokenType != JsonTokenType.EndObject || id is null || type is null || function is null)
        {
            return false;
        }

        call = new ChatToolCall { Id = id, Type = FastJson.ToolType(type)!, Function = function };
        if (store.Create(json, unknown, ToolCallSlot) is { } members)
        {
            call.AdditionalProperties = members;
        }

        return true;
    }

    private static bool TryReadFunction(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatFunctionCall? function)
    {
        function = null;
        string? name = null, arguments = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = FastJson.PropertyName(ref reader);
            bool ok;
            if (member.SequenceEqual("name"u8))
            {
                ok = FastJson.String(ref reader, out name);
            }
            else if (member.SequenceEqual("arguments"u8))
            {
                ok = FastJson.String(ref reader, out arguments);
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

        if (reader.TokenType != JsonTokenType.EndObject || name is null || arguments is null)
        {
            return false;
        }

        function = new ChatFunctionCall { Name = name, Arguments = arguments };
        if (store.Create(json, unknown, FunctionSlot) is { } members)
        {
            function.AdditionalProperties = members;
        }

        return true;
    }
}
