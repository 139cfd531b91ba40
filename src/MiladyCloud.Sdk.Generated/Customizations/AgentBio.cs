using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>A character's bio: one string or a list of paragraphs; the server stores and returns either form.</summary>
[JsonConverter(typeof(TextOrListJsonConverter<AgentBio, string>))]
public sealed class AgentBio : TextOrList<AgentBio, string>, ITextOrList<AgentBio, string>
{
    private AgentBio(string? text, IList<string>? items)
        : base(text, items)
    {
    }

    /// <summary>Creates the plain string form.</summary>
    /// <param name="text">The bio.</param>
    /// <returns>The value.</returns>
    public static AgentBio FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates the list form (several paragraphs).</summary>
    /// <param name="items">The paragraphs, in order.</param>
    /// <returns>The value.</returns>
    public static AgentBio FromItems(IList<string> items) => new(null, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>Creates the list form (several paragraphs).</summary>
    /// <param name="items">The paragraphs, in order.</param>
    /// <returns>The value.</returns>
    public static AgentBio FromItems(params string[] items) => FromItems((IList<string>)items);

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The bio.</param>
    public static implicit operator AgentBio(string text) => FromText(text);
}
