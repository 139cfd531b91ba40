using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads and writes <see cref="ResponseToolChoice"/> as a string or an object.</summary>
public sealed class ResponseToolChoiceJsonConverter : JsonConverter<ResponseToolChoice>
{
    /// <inheritdoc />
    public override ResponseToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => StringOrObjectJson.Read<ResponseToolChoice, ResponseNamedToolChoice>(ref reader, options, ResponseToolChoice.FromMode, ResponseToolChoice.FromObject);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResponseToolChoice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringOrObjectJson.Write(writer, value.Mode, value.Function, options);
    }
}
