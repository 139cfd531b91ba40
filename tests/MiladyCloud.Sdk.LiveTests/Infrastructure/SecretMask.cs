using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>Replaces the live run's secrets by their placeholders in any text about to be written to a recording.</summary>
internal sealed partial class SecretMask(string? apiKey, string? sessionToken)
{
    /// <summary>Keys the server hands out during a test (an app's key, a new API key): each gets its own placeholder.</summary>
    private readonly Dictionary<string, string> _otherKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server stores and lists keys by their SHA-256 (hex): masked like the key itself.</summary>
    private readonly string? _keyHash = string.IsNullOrEmpty(apiKey) ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>How many leading characters of a key the server shows as its prefix (<c>eliza_</c> + 6 hex).</summary>
    private const int KeyPrefixLength = 12;

    private static string PlaceholderHash { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(LiveSettings.PlaceholderApiKey)));

    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, LiveSettings.PlaceholderApiKey, StringComparison.OrdinalIgnoreCase);
            text = text.Replace(_keyHash!, PlaceholderHash, StringComparison.OrdinalIgnoreCase);
            if (apiKey.Length > KeyPrefixLength)
            {
                text = text.Replace(apiKey[..KeyPrefixLength], LiveSettings.PlaceholderApiKey[..KeyPrefixLength], StringComparison.OrdinalIgnoreCase);
            }
        }

        if (!string.IsNullOrEmpty(sessionToken))
        {
            text = text.Replace(sessionToken, LiveSettings.PlaceholderSessionToken, StringComparison.Ordinal);
        }

        return AnyKey().Replace(text, match => match.Value == LiveSettings.PlaceholderApiKey ? match.Value : OtherKeyPlaceholder(match.Value));
    }

    private string OtherKeyPlaceholder(string key)
    {
        lock (_otherKeys)
        {
            if (!_otherKeys.TryGetValue(key, out var placeholder))
            {
                placeholder = "eliza_" + (_otherKeys.Count + 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, '0');
                _otherKeys[key] = placeholder;
            }

            return placeholder;
        }
    }

    [GeneratedRegex("eliza_[0-9a-fA-F]{64}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyKey();

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
