using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Chat message content: a plain string or a list of typed parts (text, image URL, file).</summary>
[JsonConverter(typeof(TextOrListJsonConverter<ChatMessageContent, ChatContentPart>))]
public sealed class ChatMessageContent : TextOrList<ChatMessageContent, ChatContentPart>, ITextOrList<ChatMessageContent, ChatContentPart>
{
    private ChatMessageContent(string? text, IList<ChatContentPart>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static ChatMessageContent FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the array form (typed parts).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ChatMessageContent FromItems(IList<ChatContentPart> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the array form (typed parts).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ChatMessageContent FromItems(params ChatContentPart[] items) => FromItems((IList<ChatContentPart>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ChatMessageContent(string text) => FromText(text);
}
