using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>The content of a Responses input message: a plain string or a list of parts.</summary>
[JsonConverter(typeof(TextOrListJsonConverter<ResponseInputContent, ResponseInputPart>))]
public sealed class ResponseInputContent : TextOrList<ResponseInputContent, ResponseInputPart>, ITextOrList<ResponseInputContent, ResponseInputPart>
{
    private ResponseInputContent(string? text, IList<ResponseInputPart>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static ResponseInputContent FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the list form (parts).</summary>
    /// <param name="items">The parts, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ResponseInputContent FromItems(IList<ResponseInputPart> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the list form (parts).</summary>
    /// <param name="items">The parts, sent in this order.</param>
    /// <returns>The value.</returns>
    public static ResponseInputContent FromItems(params ResponseInputPart[] items) => FromItems((IList<ResponseInputPart>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ResponseInputContent(string text) => FromText(text);
}
