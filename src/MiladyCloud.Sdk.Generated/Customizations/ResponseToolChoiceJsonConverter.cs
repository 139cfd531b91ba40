using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads and writes <see cref="ResponseToolChoice"/> as a string or an object.</summary>
public sealed class ResponseToolChoiceJsonConverter : JsonConverter<ResponseToolChoice>
{
    /// <inheritdoc />
    public override ResponseToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => ResponseToolChoice.FromMode(reader.GetString()!),
            JsonTokenType.StartObject => ResponseToolChoice.FromObject(JsonSerializer.Deserialize(ref reader, ObjectInfo(options))!),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or an object for tool_choice, got {reader.TokenType}."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResponseToolChoice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Mode is { } mode)
        {
            writer.WriteStringValue(mode);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Function!, ObjectInfo(options));
        }
    }

    private static JsonTypeInfo<ResponseNamedToolChoice> ObjectInfo(JsonSerializerOptions options)
        => (JsonTypeInfo<ResponseNamedToolChoice>)options.GetTypeInfo(typeof(ResponseNamedToolChoice));
}
