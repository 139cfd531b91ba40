using System.Buffers.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The <c>Cookie</c> header for a session token. The server's edge verifies a <c>privy-token</c> with Privy and lets a
/// lone <c>steward-token</c> through, so sending a token under the wrong name (or under both) fails.
/// </summary>
internal static class SessionCookieHeader
{
    public const string PrivyName = "privy-token";
    public const string StewardName = "steward-token";

    public static string? For(string? sessionToken, MiladyCloudSessionCookie cookie)
        => string.IsNullOrEmpty(sessionToken) ? null : NameFor(sessionToken, cookie) + "=" + sessionToken;

    /// <summary>The session token inside a <c>Cookie</c> header the SDK wrote, or <see langword="null"/>.</summary>
    public static string? TokenIn(string? cookieHeader)
    {
        foreach (var name in (ReadOnlySpan<string>)[PrivyName, StewardName])
        {
            if (cookieHeader is not null && cookieHeader.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return cookieHeader[(name.Length + 1)..];
            }
        }

        return null;
    }

    private static string NameFor(string token, MiladyCloudSessionCookie cookie) => cookie switch
    {
        MiladyCloudSessionCookie.Privy => PrivyName,
        MiladyCloudSessionCookie.Steward => StewardName,
        _ => IsHs256Jwt(token) ? StewardName : PrivyName,
    };

    /// <summary>Reads the JWT header's <c>alg</c>: Steward signs with HS256, Privy with ES256.</summary>
    private static bool IsHs256Jwt(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        try
        {
            var header = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var reader = new Utf8JsonReader(header);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("alg", out var alg)
                && alg.ValueKind == JsonValueKind.String
                && alg.ValueEquals("HS256");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
