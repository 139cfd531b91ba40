namespace MiladyCloud.Sdk.Models;

/// <summary>Shared state of the string-or-array unions: exactly one of <see cref="Text"/> and <see cref="Items"/> is set.</summary>
/// <typeparam name="TSelf">The union type.</typeparam>
/// <typeparam name="TItem">The array item type.</typeparam>
public abstract class TextOrList<TSelf, TItem>
    where TSelf : TextOrList<TSelf, TItem>
{
    /// <summary>Initializes the union with exactly one form.</summary>
    /// <param name="text">The string form, or <see langword="null"/>.</param>
    /// <param name="items">The array form, or <see langword="null"/>.</param>
    protected TextOrList(string? text, IList<TItem>? items)
    {
        if ((text is null) == (items is null))
        {
            throw new ArgumentException("Exactly one of the string form and the array form must be given.");
        }

        Text = text;
        Items = items;
    }

    /// <summary>The string form, or <see langword="null"/> when the value is the array form.</summary>
    public string? Text { get; }

    /// <summary>The array form, or <see langword="null"/> when the value is the string form.</summary>
    public IList<TItem>? Items { get; }

    /// <summary><see langword="true"/> when the value is the string form.</summary>
    public bool IsText => Text is not null;

    /// <summary>The string form, or a short description of the array form.</summary>
    /// <returns>Text for display.</returns>
    public override string ToString() => Text ?? $"[{Items!.Count} item(s)]";
}
