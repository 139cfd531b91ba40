using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// The reading and writing shared by the unions that are a mode string or an object (the chat and the Responses
/// <c>tool_choice</c>): their public converters differ only in the types.
/// </summary>
internal static class StringOrObjectJson
{
    public static TUnion? Read<TUnion, TObject>(ref Utf8JsonReader reader, JsonSerializerOptions options, Func<string, TUnion> fromMode, Func<TObject, TUnion> fromObject)
        where TUnion : class
        => reader.TokenType switch
        {
            JsonTokenType.String => fromMode(reader.GetString()!),
            JsonTokenType.StartObject => fromObject(JsonSerializer.Deserialize(ref reader, ObjectInfo<TObject>(options))!),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or an object for tool_choice, got {reader.TokenType}."),
        };

    public static void Write<TObject>(Utf8JsonWriter writer, string? mode, TObject? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (mode is not null)
        {
            writer.WriteStringValue(mode);
        }
        else
        {
            JsonSerializer.Serialize(writer, value!, ObjectInfo<TObject>(options));
        }
    }

    // Resolved through the options so source-generated metadata is used (no reflection, AOT-safe).
    private static JsonTypeInfo<TObject> ObjectInfo<TObject>(JsonSerializerOptions options)
        => (JsonTypeInfo<TObject>)options.GetTypeInfo(typeof(TObject));
}
