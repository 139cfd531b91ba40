namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the plain key is a credential, so ToString must never show it.
public partial class NewApiKey
{
    /// <summary>Describes the key without its secret.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"NewApiKey {{ ApiKey = {ApiKey}, PlainKey = *** }}";
}
