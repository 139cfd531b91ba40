using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Removes credentials from every text that leaves the SDK (exception messages and chains, error fields, log
/// messages, span tags), whatever its source: a server, a proxy or the transport may echo them. Matching ignores case
/// (a server may upper-case a code, and an error code is upper-cased by the SDK) and also finds the URL-encoded forms,
/// the hex dump the transport writes of bytes it could not parse, the key without its prefix, and anything shaped like
/// an elizaOS key. One instance owns the credentials of a client (read from its options at each use), so no caller
/// passes them by hand; <see cref="None"/> still masks anything shaped like an elizaOS key.
/// </summary>
internal sealed partial class SecretScrubber
{
    private const string Mask = "***";

    private readonly MiladyCloudClientOptions? _options;
    private readonly string? _apiKey;
    private readonly string? _sessionToken;

    /// <summary>Masks the given credentials.</summary>
    public SecretScrubber(string? apiKey, string? sessionToken = null)
    {
        _apiKey = apiKey;
        _sessionToken = sessionToken;
    }

    /// <summary>Masks the credentials of a client, as its options hold them when a text is scrubbed.</summary>
    public SecretScrubber(MiladyCloudClientOptions options) => _options = options;

    /// <summary>Knows no credential: masks only what is shaped like an elizaOS key.</summary>
    public static SecretScrubber None { get; } = new(null, null);

    private string? ApiKey => _options is null ? _apiKey : _options.ApiKey;

    private string? SessionToken => _options is null ? _sessionToken : _options.SessionToken;

    /// <summary>Shorter values are not masked: replacing them would mangle ordinary text.</summary>
    private const int MinimumSecretLength = 8;

    [return: NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text) => Scrub(text, ApiKey, SessionToken);

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Scrub(string? text, string? apiKey, string? sessionToken)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = Remove(text, sessionToken);
        text = Remove(text, apiKey);
        if (!string.IsNullOrEmpty(apiKey))
        {
            // A server may echo the key without its prefix, or a mangled prefix; the secret part is what matters.
            var prefix = apiKey.IndexOf('_', StringComparison.Ordinal) + 1;
            if (prefix > 0 && apiKey.Length - prefix >= 16)
            {
                text = Remove(text, apiKey[prefix..]);
            }
        }

        text = RemoveFromHexDumps(text, apiKey, sessionToken);
        return ElizaKey().Replace(text, "eliza_***");
    }

    /// <summary>True when the text would change when scrubbed (it quotes a credential).</summary>
    public bool Reveals(string? text) => Reveals(text, ApiKey, SessionToken);

    private static bool Reveals(string? text, string? apiKey, string? sessionToken)
        => !string.IsNullOrEmpty(text) && !string.Equals(Scrub(text, apiKey, sessionToken), text, StringComparison.Ordinal);

    /// <summary>The same format error with the credentials masked in its message, raw body and cause.</summary>
    public MiladyCloudResponseFormatException Scrub(MiladyCloudResponseFormatException exception)
    {
        if (exception is MiladyCloudResponseTooLargeException)
        {
            // Built by the SDK from a limit and a path: no server text in it.
            return exception;
        }

        var message = Scrub(exception.Message);
        var raw = Scrub(exception.RawBody);
        var inner = exception.InnerException is { } cause ? Scrub(cause) : null;
        return message == exception.Message && raw == exception.RawBody && ReferenceEquals(inner, exception.InnerException)
            ? exception
            : new MiladyCloudResponseFormatException(message, raw, inner);
    }

    /// <summary>
    /// The exception itself when no message in its chain quotes a credential; otherwise a copy of the chain with the
    /// credentials masked (same types for the transport's exceptions, so <see cref="HttpRequestException.HttpRequestError"/>
    /// and the like still tell what failed; the copies have no stack trace).
    /// </summary>
    public Exception Scrub(Exception exception) => Scrub(exception, ApiKey, SessionToken);

    private static Exception Scrub(Exception exception, string? apiKey, string? sessionToken)
    {
        var inner = exception.InnerException is { } cause ? Scrub(cause, apiKey, sessionToken) : null;
        var message = Scrub(exception.Message, apiKey, sessionToken);
        if (ReferenceEquals(inner, exception.InnerException) && message == exception.Message)
        {
            return exception;
        }

        return exception switch
        {
            HttpRequestException http => new HttpRequestException(http.HttpRequestError, message, inner, http.StatusCode),
            HttpIOException io => new HttpIOException(io.HttpRequestError, message, inner),
            IOException => new IOException(message, inner),
            InvalidDataException => new InvalidDataException(message, inner),
            JsonException json => new JsonException(message, json.Path is null ? null : Scrub(json.Path, apiKey, sessionToken), json.LineNumber, json.BytePositionInLine, inner),
            OperationCanceledException canceled => new OperationCanceledException(message, inner, canceled.CancellationToken),
            _ => new Exception($"{exception.GetType().FullName}: {message}", inner),
        };
    }

    /// <summary>The JSON with every string (and member name) that quotes a credential masked; the same value when none does.</summary>
    public JsonElement? Scrub(JsonElement? element)
    {
        if (element is not { } value)
        {
            return null;
        }

        // Written without escaping (escapes such as \u0065 would hide a key from the text search), then searched.
        var text = Serialize(value);
        var scrubbed = Scrub(text);
        if (scrubbed == text)
        {
            return value;
        }

        using var document = JsonDocument.Parse(scrubbed);
        return document.RootElement.Clone();
    }

    /// <summary>The snapshot with its one text field, the policy header as sent, masked when it quotes a credential.</summary>
    public RateLimitInfo? Scrub(RateLimitInfo? info)
        => info?.Policy is { } policy && Reveals(policy) ? info with { Policy = Scrub(policy) } : info;

    /// <summary>Scheme, host and port of a URL for messages: never its user-info (a redirect target may carry the key there).</summary>
    public static string Origin(Uri? uri)
        => uri is null ? string.Empty : uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : "(relative)";

    private static string Remove(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
        {
            return text;
        }

        text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        var encoded = WebUtility.UrlEncode(secret);
        if (!string.Equals(encoded, secret, StringComparison.Ordinal))
        {
            text = text.Replace(encoded, Mask, StringComparison.OrdinalIgnoreCase);
        }

        var escaped = Uri.EscapeDataString(secret);
        if (!string.Equals(escaped, secret, StringComparison.Ordinal))
        {
            text = text.Replace(escaped, Mask, StringComparison.OrdinalIgnoreCase);
        }

        // Hex dumps (see RemoveFromHexDumps) of the secret as sent, upper-cased and lower-cased, wherever they start.
        if (text.Contains('-', StringComparison.Ordinal))
        {
            foreach (var form in new[] { secret, secret.ToUpperInvariant(), secret.ToLowerInvariant() })
            {
                text = text.Replace(BitConverter.ToString(System.Text.Encoding.UTF8.GetBytes(form)), Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    /// <summary>
    /// The transport quotes bytes it could not parse as a hex dump ("Received an invalid chunk extension: '6C-69-…'"):
    /// a dump that decodes to a text quoting a credential (in any case) is masked whole. The dumps of the credentials
    /// themselves are also searched for directly (in <see cref="Remove"/>), wherever in a longer dump they start.
    /// </summary>
    private static string RemoveFromHexDumps(string text, string? apiKey, string? sessionToken)
    {
        if (!text.Contains('-', StringComparison.Ordinal) || (string.IsNullOrEmpty(apiKey) && string.IsNullOrEmpty(sessionToken)))
        {
            return text;
        }

        return HexDump().Replace(text, match =>
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromHexString(match.Value.Replace("-", string.Empty, StringComparison.Ordinal)));
            return Reveals(decoded, apiKey, sessionToken) ? Mask : match.Value;
        });
    }

    private static string Serialize(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [GeneratedRegex("eliza_[0-9a-f]{6,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ElizaKey();

    /// <summary>Eight or more bytes written as <see cref="BitConverter.ToString(byte[])"/> writes them.</summary>
    [GeneratedRegex("(?:[0-9A-Fa-f]{2}-){7,}[0-9A-Fa-f]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex HexDump();
}
