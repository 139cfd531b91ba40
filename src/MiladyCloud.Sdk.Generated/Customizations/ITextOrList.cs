namespace MiladyCloud.Sdk.Models;

/// <summary>
/// A JSON union that is either a plain string or an array of items (for example message content,
/// which is a string or a list of typed parts). The form that was received is the form written back.
/// </summary>
/// <typeparam name="TSelf">The union type.</typeparam>
/// <typeparam name="TItem">The array item type.</typeparam>
public interface ITextOrList<TSelf, TItem>
    where TSelf : class, ITextOrList<TSelf, TItem>
{
    /// <summary>The string form, or <see langword="null"/> when the value is the array form.</summary>
    string? Text { get; }

    /// <summary>The array form, or <see langword="null"/> when the value is the string form.</summary>
    IList<TItem>? Items { get; }

    /// <summary>Creates the string form.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The union.</returns>
    static abstract TSelf FromText(string text);

    /// <summary>Creates the array form.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The union.</returns>
    static abstract TSelf FromItems(IList<TItem> items);
}
