namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// What a route needs from the pipeline beyond method, path and body: its root, its credential, the retry rules a
/// repeat must follow and how it reports failure. Combined into <see cref="SendOptions"/>.
/// </summary>
[Flags]
internal enum SendFlags
{
    /// <summary>An <c>/api/v1</c> route, every credential, retried by the usual rules, failure by status.</summary>
    None = 0,

    /// <summary>The call spends credits: after an ambiguous failure it is not repeated unless the options allow it.</summary>
    ConsumesCredits = 1 << 0,

    /// <summary>A repeat would do the work again: never repeated after an ambiguous failure (see <see cref="RequestTraits.NotIdempotent"/>).</summary>
    NotIdempotent = 1 << 1,

    /// <summary>Never sent twice.</summary>
    NoRetry = 1 << 2,

    /// <summary>A 503 wraps every upstream failure here, so it is final (see <see cref="RequestTraits.ServiceUnavailableIsFinal"/>).</summary>
    ServiceUnavailableIsFinal = 1 << 3,

    /// <summary>The route may answer 200 with <c>success:false</c>: such a body is raised as the typed API exception.</summary>
    SuccessFlagInBody = 1 << 4,

    /// <summary>The path is relative to the site root (<see cref="MiladyCloudRoute.Site"/>), not <c>/api/v1</c>.</summary>
    SiteRoot = 1 << 5,

    /// <summary>
    /// The session cookie alone, for the routes whose edge refuses any request that carries an API key
    /// (<c>/api-keys</c> and a few others); without a session token the call is refused before sending.
    /// </summary>
    SessionOnly = 1 << 6,
}
