namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: list answers carry the full key and its hash, which ToString must never show.
public partial class ApiKeyInfo
{
    /// <summary>Describes the key by id, name and display prefix; the secret and its hash are left out.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString()
        => $"ApiKeyInfo {{ Id = {Id}, Name = {Name}, KeyPrefix = {KeyPrefix}, IsActive = {IsActive?.ToString() ?? "(unknown)"}, Key = {(string.IsNullOrEmpty(Key) ? "(none)" : "***")} }}";
}
