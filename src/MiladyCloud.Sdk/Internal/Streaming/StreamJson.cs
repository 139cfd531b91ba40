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
}
