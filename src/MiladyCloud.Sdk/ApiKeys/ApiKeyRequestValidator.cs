using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Checks API key requests against the server's limits before anything is sent.</summary>
internal static class ApiKeyRequestValidator
{
    private const int MaxNameLength = 100;
    private const int MaxPermissions = 50;
    private const int MaxRateLimit = 100_000;

    public static void Validate(CreateApiKeyRequest key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Name(key.Name);
        Permissions(key.Permissions);
        RateLimit(key.RateLimit);
    }

    public static void Validate(UpdateApiKeyRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update is { Name: null, Description: null, Permissions: null, RateLimit: null, IsActive: null, ExpiresAt: null })
        {
            throw new ArgumentException("Set at least one field to change.", nameof(update));
        }

        if (update.Name is not null)
        {
            Name(update.Name);
        }

        Permissions(update.Permissions);
        RateLimit(update.RateLimit);
    }

    private static void Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            throw new ArgumentException($"name must be 1-{MaxNameLength} characters after trimming.", "name");
        }
    }

    private static void Permissions(ICollection<string>? permissions)
    {
        if (permissions is null)
        {
            return;
        }

        if (permissions.Count > MaxPermissions || permissions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"permissions must hold at most {MaxPermissions} non-empty strings.", "permissions");
        }
    }

    private static void RateLimit(int? rateLimit)
    {
        if (rateLimit is { } value && (value < 1 || value > MaxRateLimit))
        {
            throw new ArgumentException($"rate_limit must be between 1 and {MaxRateLimit} (was {value}).", "rate_limit");
        }
    }
}
