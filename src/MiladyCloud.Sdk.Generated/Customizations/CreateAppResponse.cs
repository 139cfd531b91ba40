namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the app's API key is a credential, so ToString must never show it.
public partial class CreateAppResponse
{
    /// <summary>Describes the created app without its API key.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"CreateAppResponse {{ App = {App?.Id}, ApiKey = ***, GithubRepo = {GithubRepo} }}";
}
