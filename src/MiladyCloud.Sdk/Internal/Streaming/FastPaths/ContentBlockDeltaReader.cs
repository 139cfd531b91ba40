using System.Text.Json;
using MiladyCloud.Sdk.Internal.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The hot path of messages streams: reads a <c>content_block_delta</c> event carrying a <c>text_delta</c> or an
/// <c>input_json_delta</c> straight into the generated types, members in any order; members this SDK does not know are
/// kept as raw UTF-8 behind <c>AdditionalProperties</c> (see <see cref="UnknownMembers"/>). Anything else (an unknown
/// delta kind, an escaped member name, a wrong token type) returns <see langword="false"/> and the caller deserializes
/// the event the general way (unknown delta kinds and error messages stay exactly those of the generated serializer).
/// </summary>
internal static class ContentBlockDeltaReader
{
    private enum DeltaKind
    {
        Unknown,
        Text,
        InputJson,
    }

    private const int EventSlot = 0;
    private const int DeltaSlot = 1;

    /// <summary>One event on its own (tests): unknown members get a store of their own.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out ContentBlockDeltaEvent? streamEvent)
        => TryRead(json, UnknownMemberStore.Unshared, out streamEvent);

    /// <param name="json">The event's data.</param>
    /// <param name="unknown">The stream's store for unknown members.</param>
    /// <param name="streamEvent">The event read.</param>
    public static bool TryRead(ReadOnlySpan<byte> json, UnknownMemberStore unknown, out ContentBlockDeltaEvent? streamEvent)
    {
        streamEvent = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadEvent(json, ref reader, unknown, out var read) || reader.Read())
            {
                return false;
            }

            streamEvent = read;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or a string that is not valid UTF-8: the general path reports it as a format error.
            return false;
        }
    }

    private static bool TryReadEvent(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ContentBlockDeltaEvent? streamEvent)
    {
        streamEvent = null;
        var unknown = default(UnknownSpans);
        var typed = false;
        int? index = null;
        ContentBlockDelta? delta = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            if (name.SequenceEqual("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("content_block_delta"u8))
                {
                    return false;
                }

                typed = true;
            }
            else if (name.SequenceEqual("index"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
                {
                    return false;
                }

                index = value;
            }
            else if (name.SequenceEqual("delta"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadDelta(json, ref reader, store, out delta))
                {
                    return false;
                }
            }
            else if (!UnknownMemberStore.Skip(ref reader, ref unknown))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || !typed || index is null || delta is null)
        {
            return false;
        }

        streamEvent = new ContentBlockDeltaEvent { Index = index.Value, Delta = delta };
        if (store.Create(json, unknown, EventSlot) is { } members)
        {
            streamEvent.AdditionalProperties = members;
        }

        return true;
    }

    private static bool TryReadDelta(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, UnknownMemberStore store, out ContentBlockDelta? delta)
    {
        delta = null;
        var unknown = default(UnknownSpans);
        var kind = DeltaKind.Unknown;
        string? text = null, partialJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FastJson.PropertyName(ref reader);
            if (name.SequenceEqual("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                kind = reader.ValueTextEquals("text_delta"u8) ? DeltaKind.Text
                    : reader.ValueTextEquals("input_json_delta"u8) ? DeltaKind.InputJson
                    : DeltaKind.Unknown;
                if (kind == DeltaKind.Unknown)
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("text"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                text = reader.GetString();
            }
            else if (name.SequenceEqual("partial_json"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                partialJson = reader.GetString();
            }
            else if (!UnknownMemberStore.Skip(ref reader, ref unknown))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        // A member of the other kind would land in extension data on the general path; leave it to that path.
        delta = kind switch
        {
            DeltaKind.Text when text is not null && partialJson is null => new TextDelta { Text = text },
            DeltaKind.InputJson when partialJson is not null && text is null => new InputJsonDelta { PartialJson = partialJson },
            _ => null,
        };
        if (delta is not null && store.Create(json, unknown, DeltaSlot) is { } members)
        {
            delta.AdditionalProperties = members;
        }

        return delta is not null;
    }
}
