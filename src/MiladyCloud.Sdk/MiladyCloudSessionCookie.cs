namespace MiladyCloud.Sdk;

/// <summary>Which cookie carries <see cref="MiladyCloudClientOptions.SessionToken"/>.</summary>
public enum MiladyCloudSessionCookie
{
    /// <summary>
    /// Chosen from the token (the default): a Steward session token (a JWT signed with HS256, the only kind the server
    /// accepts from Steward) goes as <c>steward-token</c>, any other as <c>privy-token</c>.
    /// </summary>
    Auto,

    /// <summary><c>privy-token</c>: a Privy session.</summary>
    Privy,

    /// <summary><c>steward-token</c>: a Steward session (what the web dashboard uses today).</summary>
    Steward,
}
