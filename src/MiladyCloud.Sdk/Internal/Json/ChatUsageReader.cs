using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>Reads a chat <c>usage</c> object (the three counts; details and other members kept as unknown members).</summary>
internal static class ChatUsageReader
{
    public const int Slot = 5;

    /// <summary>The reader is before the value; <c>null</c> gives a null usage.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ChatUsage? usage)
    {
        usage = null;
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

        int? prompt = null, completion = null, total = null;
        var unknown = default(UnknownSpans);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            int value;
            if (name.SequenceEqual("prompt_tokens"u8))
            {
                if (!FastJson.Int(ref reader, out value))
                {
                    return false;
                }

                prompt = value;
            }
            else if (name.SequenceEqual("completion_tokens"u8))
            {
                if (!FastJson.Int(ref reader, out value))
                {
                    return false;
                }

                completion = value;
            }
            else if (name.SequenceEqual("total_tokens"u8))
            {
                if (!FastJson.Int(ref reader, out value))
                {
                    return false;
                }

                total = value;
            }
            else if (!UnknownMemberStore.Skip(ref reader, ref unknown))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || prompt is null || completion is null || total is null)
        {
            return false;
        }

        usage = new ChatUsage { PromptTokens = prompt.Value, CompletionTokens = completion.Value, TotalTokens = total.Value };
        if (store.Create(json, unknown, Slot) is { } members)
        {
            usage.AdditionalProperties = members;
        }

        return true;
    }
}
