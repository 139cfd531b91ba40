using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Removes credentials from text that may reach a log or an exception message (servers sometimes echo them).</summary>
internal static partial class SecretScrubber
{
    public static string Scrub(string text, string? apiKey = null)
    {
        if (!string.IsNullOrEmpty(apiKey) && apiKey.Length >= 8)
        {
            text = text.Replace(apiKey, "***", StringComparison.Ordinal);
            // A server may echo the key without its prefix, or a mangled prefix; the secret part is what matters.
            var prefix = apiKey.IndexOf('_', StringComparison.Ordinal) + 1;
            if (prefix > 0 && apiKey.Length - prefix >= 16)
            {
                text = text.Replace(apiKey[prefix..], "***", StringComparison.Ordinal);
            }
        }

        return ElizaKey().Replace(text, "eliza_***");
    }

    [GeneratedRegex("eliza_[0-9a-fA-F]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex ElizaKey();
}
