namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>Replaces the live run's secrets by their placeholders in any text about to be written to a recording.</summary>
internal sealed class SecretMask(string? apiKey, string? sessionToken)
{
    /// <summary>How many leading characters of a key the server shows as its prefix (<c>eliza_</c> + 6 hex).</summary>
    private const int KeyPrefixLength = 12;

    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, LiveSettings.PlaceholderApiKey, StringComparison.OrdinalIgnoreCase);
            if (apiKey.Length > KeyPrefixLength)
            {
                text = text.Replace(apiKey[..KeyPrefixLength], LiveSettings.PlaceholderApiKey[..KeyPrefixLength], StringComparison.OrdinalIgnoreCase);
            }
        }

        if (!string.IsNullOrEmpty(sessionToken))
        {
            text = text.Replace(sessionToken, LiveSettings.PlaceholderSessionToken, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Throws when a secret survived masking (checked on the serialized recording before it is saved).</summary>
    public void EnsureAbsent(string text, string what)
    {
        if ((!string.IsNullOrEmpty(apiKey) && text.Contains(apiKey, StringComparison.OrdinalIgnoreCase))
            || (!string.IsNullOrEmpty(sessionToken) && text.Contains(sessionToken, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"A live secret is still present in {what}; the recording was not written.");
        }
    }
}
