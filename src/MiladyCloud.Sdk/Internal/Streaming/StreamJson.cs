using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>Deserializes one event straight from its UTF-8 bytes; a malformed event is a format error with its text.</summary>
internal static class StreamJson
{
    public static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> info, string streamName)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new JsonException("The event was the JSON literal null.");
        }
        catch (JsonException ex)
        {
            var raw = BodyDecoding.Excerpt(json);
            throw new MiladyCloudResponseFormatException($"A {streamName} stream event was not the JSON expected ({typeof(T).Name}): {ex.Message}", raw, ex);
        }
    }

    /// <summary>
    /// The event's <c>type</c> member, read without building the event, so an unknown kind can be skipped; <see
    /// langword="null"/> when the event is not an object or has no string <c>type</c>.
    /// </summary>
    public static string? ReadType(ReadOnlySpan<byte> json, string streamName)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a "type" string that is not valid UTF-8.
            throw new MiladyCloudResponseFormatException($"A {streamName} stream event was not valid JSON: {ex.Message}", BodyDecoding.Excerpt(json), ex);
        }
    }
}
