using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads any JSON value into a <see cref="ContainerLogMessage"/> and writes it back in the form it came in.</summary>
public sealed class ContainerLogMessageJsonConverter : JsonConverter<ContainerLogMessage>
{
    /// <inheritdoc />
    public override ContainerLogMessage? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return ContainerLogMessage.FromText(reader.GetString()!);
        }

        // A number, boolean, object or array, exactly as logged: the reader takes the whole value.
        return ContainerLogMessage.FromJson(JsonElement.ParseValue(ref reader));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ContainerLogMessage value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Value is { } raw)
        {
            raw.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
