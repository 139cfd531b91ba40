using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>The content of a tool result: a plain string or a list of content blocks.</summary>
[JsonConverter(typeof(TextOrListJsonConverter<ToolResultContent, ContentBlock>))]
public sealed class ToolResultContent : TextOrList<ToolResultContent, ContentBlock>, ITextOrList<ToolResultContent, ContentBlock>
{
    private ToolResultContent(string? text, IList<ContentBlock>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static ToolResultContent FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the array form (content blocks).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ToolResultContent FromItems(IList<ContentBlock> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the array form (content blocks).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ToolResultContent FromItems(params ContentBlock[] items) => FromItems((IList<ContentBlock>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ToolResultContent(string text) => FromText(text);
}
