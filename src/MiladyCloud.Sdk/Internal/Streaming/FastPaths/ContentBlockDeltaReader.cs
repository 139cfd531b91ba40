using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The hot path of messages streams: reads a <c>content_block_delta</c> event carrying a <c>text_delta</c> or an
/// <c>input_json_delta</c>, of exactly the known shape, straight into the generated types. Anything else returns
/// <see langword="false"/> and the caller deserializes the event the general way (extension data, unknown delta
/// kinds and error messages stay exactly those of the generated serializer).
/// </summary>
internal static class ContentBlockDeltaReader
{
    private enum DeltaKind
    {
        Unknown,
        Text,
        InputJson,
    }

    public static bool TryRead(ReadOnlySpan<byte> json, out ContentBlockDeltaEvent? streamEvent)
    {
        streamEvent = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadEvent(ref reader, out var read) || reader.Read())
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

    private static bool TryReadEvent(ref Utf8JsonReader reader, out ContentBlockDeltaEvent? streamEvent)
    {
        streamEvent = null;
        var typed = false;
        int? index = null;
        ContentBlockDelta? delta = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
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
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadDelta(ref reader, out delta))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || !typed || index is null || delta is null)
        {
            return false;
        }

        streamEvent = new ContentBlockDeltaEvent { Index = index.Value, Delta = delta };
        return true;
    }

    private static bool TryReadDelta(ref Utf8JsonReader reader, out ContentBlockDelta? delta)
    {
        delta = null;
        var kind = DeltaKind.Unknown;
        string? text = null, partialJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
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
            else
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
        return delta is not null;
    }

    /// <summary>
    /// The member name's bytes, compared with constant spans (one length check and a word compare each). An escaped
    /// name gives an empty span that matches nothing, so the event takes the general path.
    /// </summary>
    private static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? default : reader.ValueSpan;
}
