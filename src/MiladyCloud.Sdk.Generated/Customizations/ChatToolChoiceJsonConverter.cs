using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads and writes <see cref="ChatToolChoice"/> as a string or an object.</summary>
public sealed class ChatToolChoiceJsonConverter : JsonConverter<ChatToolChoice>
{
    /// <inheritdoc />
    public override ChatToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => StringOrObjectJson.Read<ChatToolChoice, ChatNamedToolChoice>(ref reader, options, ChatToolChoice.FromMode, ChatToolChoice.FromObject);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ChatToolChoice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringOrObjectJson.Write(writer, value.Mode, value.Function, options);
    }
}
