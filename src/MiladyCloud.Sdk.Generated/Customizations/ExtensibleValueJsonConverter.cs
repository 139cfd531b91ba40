using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads and writes an <see cref="IExtensibleValue{TSelf}"/> as its plain JSON string.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ExtensibleValueJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a JSON string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        return T.FromWire(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => T.FromWire(reader.GetString()!);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value);
    }
}
