namespace MiladyCloud.Sdk.Internal;

/// <summary>Which root a route is relative to: most live under <c>/api/v1</c>, some under the site root.</summary>
internal enum ApiRoot
{
    /// <summary>Relative to <see cref="MiladyCloudClientOptions.BaseUrl"/>.</summary>
    V1,

    /// <summary>Relative to the site root (for example <c>api/my-agents/characters</c>).</summary>
    Site,
}
