namespace MiladyCloud.Sdk;

/// <summary>
/// Which window of knowledge documents <see cref="KnowledgeClient.ListAsync"/> returns, or where
/// <see cref="KnowledgeClient.ListAllAsync"/> starts and how many it fetches per request.
/// </summary>
public class KnowledgeListOptions
{
    /// <summary>The character whose runtime is listed; the caller's default assistant when <see langword="null"/>.</summary>
    public string? CharacterId { get; set; }

    /// <summary>Window size (at least 1; sent as <c>count</c>). The server's default is 100 and it sets no upper bound.</summary>
    public int? Limit { get; set; }

    /// <summary>Number of documents to skip (at least 0). The server's default is 0.</summary>
    public int? Offset { get; set; }
}
