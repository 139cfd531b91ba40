using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Embedding input: one string or a list of strings (one vector each, in order).</summary>
[JsonConverter(typeof(TextOrListJsonConverter<EmbeddingInput, string>))]
public sealed class EmbeddingInput : TextOrList<EmbeddingInput, string>, ITextOrList<EmbeddingInput, string>
{
    private EmbeddingInput(string? text, IList<string>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static EmbeddingInput FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the array form (one vector per string).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static EmbeddingInput FromItems(IList<string> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the array form (one vector per string).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static EmbeddingInput FromItems(params string[] items) => FromItems((IList<string>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator EmbeddingInput(string text) => FromText(text);
}
