using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// A system prompt: a plain string or a list of text blocks (joined by the server with blank lines). Items are
/// typed as <see cref="ContentBlock"/> so each is written with its <c>type</c>; the server reads only <see cref="TextBlock"/>s.
/// </summary>
[JsonConverter(typeof(TextOrListJsonConverter<SystemPrompt, ContentBlock>))]
public sealed class SystemPrompt : TextOrList<SystemPrompt, ContentBlock>, ITextOrList<SystemPrompt, ContentBlock>
{
    private SystemPrompt(string? text, IList<ContentBlock>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static SystemPrompt FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the array form (text blocks).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static SystemPrompt FromItems(IList<ContentBlock> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the array form (text blocks).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static SystemPrompt FromItems(params ContentBlock[] items) => FromItems((IList<ContentBlock>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator SystemPrompt(string text) => FromText(text);
}
