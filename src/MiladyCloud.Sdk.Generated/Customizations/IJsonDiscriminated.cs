using System.Text.Json;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// Implemented by generated base types of discriminated unions (content blocks, stream events, deltas …) so that
/// <see cref="DiscriminatedJsonConverter{TBase}"/> can pick the subtype without reflection.
/// </summary>
/// <typeparam name="TBase">The base type.</typeparam>
public interface IJsonDiscriminated<TBase>
    where TBase : class, IJsonDiscriminated<TBase>
{
    /// <summary>The JSON property that names the subtype (for example <c>type</c>).</summary>
    static abstract string DiscriminatorPropertyName { get; }

    /// <summary>Members of the JSON object that no typed property holds.</summary>
    IDictionary<string, JsonElement> AdditionalProperties { get; }

    /// <summary>Maps a discriminator value to its subtype, or <see langword="null"/> for a value this SDK does not know.</summary>
    /// <param name="discriminator">The wire value.</param>
    /// <returns>The subtype, or <see langword="null"/>.</returns>
    static abstract Type? ResolveDerivedType(string discriminator);

    /// <summary>Creates an instance of the base type to hold an unrecognized value.</summary>
    /// <returns>A new base instance.</returns>
    static abstract TBase CreateUnrecognized();
}
