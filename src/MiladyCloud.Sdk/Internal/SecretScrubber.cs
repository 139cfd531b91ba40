using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Removes credentials from text that may reach a log or an exception message (servers sometimes echo them).</summary>
internal static partial class SecretScrubber
{
    public static string Scrub(string text, string? apiKey = null, string? sessionToken = null)
    {
        if (!string.IsNullOrEmpty(sessionToken) && sessionToken.Length >= 8)
        {
            text = text.Replace(sessionToken, "***", StringComparison.Ordinal);
        }

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

    /// <summary>The same format error with the credentials of the request masked in its message and raw body.</summary>
    public static MiladyCloudResponseFormatException Scrub(MiladyCloudResponseFormatException exception, string? apiKey, string? sessionToken)
    {
        var message = Scrub(exception.Message, apiKey, sessionToken);
        var raw = exception.RawBody is null ? null : Scrub(exception.RawBody, apiKey, sessionToken);
        return message == exception.Message && raw == exception.RawBody
            ? exception
            : new MiladyCloudResponseFormatException(message, raw, exception.InnerException);
    }

    [GeneratedRegex("eliza_[0-9a-fA-F]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex ElizaKey();
}
