using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads a JSON string or array into an <see cref="ITextOrList{TSelf, TItem}"/> and writes it back in the same form.</summary>
/// <typeparam name="TUnion">The union type.</typeparam>
/// <typeparam name="TItem">The array item type.</typeparam>
public sealed class TextOrListJsonConverter<TUnion, TItem> : JsonConverter<TUnion>
    where TUnion : class, ITextOrList<TUnion, TItem>
{
    /// <inheritdoc />
    public override TUnion? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return TUnion.FromText(reader.GetString()!);
            case JsonTokenType.StartArray:
                var items = JsonSerializer.Deserialize(ref reader, ItemsInfo(options)) ?? [];
                return TUnion.FromItems(items);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Expected a string or an array for {typeof(TUnion).Name}, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TUnion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Items is { } items)
        {
            JsonSerializer.Serialize(writer, items, ItemsInfo(options));
        }
        else
        {
            writer.WriteStringValue(value.Text ?? string.Empty);
        }
    }

    // Resolved through the options so source-generated metadata is used (no reflection, AOT-safe).
    private static JsonTypeInfo<IList<TItem>> ItemsInfo(JsonSerializerOptions options)
        => (JsonTypeInfo<IList<TItem>>)options.GetTypeInfo(typeof(IList<TItem>));
}
