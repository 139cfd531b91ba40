namespace MiladyCloud.Sdk;

/// <summary>Which root a relative path given to <see cref="MiladyCloudClient.SendAsync"/> starts from.</summary>
public enum MiladyCloudRoute
{
    /// <summary>The <c>/api/v1</c> root (<see cref="MiladyCloudClientOptions.BaseUrl"/>), where most routes live.</summary>
    ApiV1,

    /// <summary>The site root, for routes such as <c>api/my-agents/characters</c> that live outside <c>/api/v1</c>.</summary>
    Site,
}
