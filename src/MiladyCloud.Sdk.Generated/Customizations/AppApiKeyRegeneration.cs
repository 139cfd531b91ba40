namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the new app API key is a credential, so ToString must never show it.
public partial class AppApiKeyRegeneration
{
    /// <summary>Describes the regeneration without the new key.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"AppApiKeyRegeneration {{ Success = {Success}, ApiKey = *** }}";
}
