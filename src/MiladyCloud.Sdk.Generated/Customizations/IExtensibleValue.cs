namespace MiladyCloud.Sdk.Models;

/// <summary>
/// A string-backed value with documented members that still accepts any other string, so a value the
/// server adds later never breaks deserialization. Implemented by every generated value type.
/// </summary>
/// <typeparam name="TSelf">The implementing value type.</typeparam>
public interface IExtensibleValue<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IExtensibleValue<TSelf>
{
    /// <summary>The exact string used on the wire.</summary>
    string Value { get; }

    /// <summary>Creates the value from its wire string.</summary>
    /// <param name="value">Any string the server sent.</param>
    /// <returns>The value.</returns>
    static abstract TSelf FromWire(string value);
}
