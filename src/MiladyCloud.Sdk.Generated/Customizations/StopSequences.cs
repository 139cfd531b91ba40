using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Stop sequences: one string or a list of strings.</summary>
[JsonConverter(typeof(TextOrListJsonConverter<StopSequences, string>))]
public sealed class StopSequences : TextOrList<StopSequences, string>, ITextOrList<StopSequences, string>
{
    private StopSequences(string? text, IList<string>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static StopSequences FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the array form (several sequences).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static StopSequences FromItems(IList<string> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the array form (several sequences).</summary>
    /// <param name="items">The items, sent in this order.</param>
    /// <returns>The value.</returns>
    public static StopSequences FromItems(params string[] items) => FromItems((IList<string>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator StopSequences(string text) => FromText(text);
}
