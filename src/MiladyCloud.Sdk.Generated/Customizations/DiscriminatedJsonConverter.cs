using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// Reads a discriminated union by its discriminator in any property position. A known value binds to its subtype;
/// an unknown one becomes an instance of the base type that keeps every member (the discriminator included) and is
/// written back unchanged, so content the server adds later survives a round-trip instead of throwing.
/// </summary>
/// <typeparam name="TBase">The generated base type.</typeparam>
public sealed class DiscriminatedJsonConverter<TBase> : JsonConverter<TBase>
    where TBase : class, IJsonDiscriminated<TBase>
{
    /// <inheritdoc />
    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeof(TBase).Name}, got {reader.TokenType}.");
        }

        // The reader is a struct: scanning a copy leaves the original positioned at the start of the object.
        var probe = reader;
        var discriminator = FindDiscriminator(ref probe, TBase.DiscriminatorPropertyName);
        var subtype = discriminator is null ? null : TBase.ResolveDerivedType(discriminator);
        if (subtype is not null)
        {
            return (TBase?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(subtype));
        }

        var unrecognized = TBase.CreateUnrecognized();
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            unrecognized.AdditionalProperties[member.Name] = member.Value.Clone();
        }

        return unrecognized;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.GetType() != typeof(TBase))
        {
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, member) in value.AdditionalProperties)
        {
            writer.WritePropertyName(name);
            member.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static string? FindDiscriminator(ref Utf8JsonReader reader, string propertyName)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var matches = reader.ValueTextEquals(propertyName);
                reader.Read();
                if (matches)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }

        return null;
    }
}
