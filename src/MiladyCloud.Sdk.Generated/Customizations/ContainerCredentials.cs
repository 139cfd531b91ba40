namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the registry token is a credential, so ToString must never show it.
public partial class ContainerCredentials
{
    /// <summary>Describes the credentials without the token.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"ContainerCredentials {{ EcrImageUri = {EcrImageUri}, AuthToken = ***, AuthTokenExpiresAt = {AuthTokenExpiresAt} }}";
}
