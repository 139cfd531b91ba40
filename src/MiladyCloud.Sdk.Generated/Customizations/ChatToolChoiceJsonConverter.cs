using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads and writes <see cref="ChatToolChoice"/> as a string or an object.</summary>
public sealed class ChatToolChoiceJsonConverter : JsonConverter<ChatToolChoice>
{
    /// <inheritdoc />
    public override ChatToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => ChatToolChoice.FromMode(reader.GetString()!),
            JsonTokenType.StartObject => ChatToolChoice.FromObject(JsonSerializer.Deserialize(ref reader, ObjectInfo(options))!),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or an object for tool_choice, got {reader.TokenType}."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ChatToolChoice value, JsonSerializerOptions options)
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

    private static JsonTypeInfo<ChatNamedToolChoice> ObjectInfo(JsonSerializerOptions options)
        => (JsonTypeInfo<ChatNamedToolChoice>)options.GetTypeInfo(typeof(ChatNamedToolChoice));
}
