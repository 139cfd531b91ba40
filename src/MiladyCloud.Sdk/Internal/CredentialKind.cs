namespace MiladyCloud.Sdk.Internal;

/// <summary>Which credential a request carries.</summary>
internal enum CredentialKind
{
    /// <summary>Everything configured: the API key (per <see cref="MiladyCloudAuthentication"/>) and the session cookie when set.</summary>
    Default,

    /// <summary>
    /// The session cookie alone, for the routes whose edge refuses any request that carries an API key
    /// (<c>/api-keys</c> and a few others). Without a session token the request is refused before sending.
    /// </summary>
    SessionOnly,
}
