using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>The input of a Responses request: a plain string (one user message) or a list of input items.</summary>
[JsonConverter(typeof(TextOrListJsonConverter<ResponseInput, ResponseInputItem>))]
public sealed class ResponseInput : TextOrList<ResponseInput, ResponseInputItem>, ITextOrList<ResponseInput, ResponseInputItem>
{
    private ResponseInput(string? text, IList<ResponseInputItem>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form (one user message).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static ResponseInput FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the list form.</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ResponseInput FromItems(IList<ResponseInputItem> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the list form.</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ResponseInput FromItems(params ResponseInputItem[] items) => FromItems((IList<ResponseInputItem>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ResponseInput(string text) => FromText(text);
}
