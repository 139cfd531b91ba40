namespace MiladyCloud.Sdk;

/// <summary>
/// The groups of operations that share a rate-limit window on the server. Used for the client-side hold after
/// an exhausted window and for optional static limiters.
/// </summary>
public enum RateLimitCategory
{
    /// <summary>Everything not listed below.</summary>
    Other,

    /// <summary>Chat completions, messages and responses.</summary>
    Chat,

    /// <summary>Embeddings.</summary>
    Embeddings,

    /// <summary>Image generation.</summary>
    Images,

    /// <summary>Video generation.</summary>
    Video,
}
