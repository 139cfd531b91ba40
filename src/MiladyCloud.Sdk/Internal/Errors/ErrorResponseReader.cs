using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Internal.Resilience;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Turns a failed HTTP response (or an error sent in-band) into the SDK's typed exception.</summary>
internal static partial class ErrorResponseReader
{
    /// <summary>Bodies longer than this are cut; an error page is never worth more.</summary>
    public const int MaxBodyChars = 64 * 1024;

    private static readonly string[] AuthFailureTexts =
    [
        "invalid or expired api key", "unauthorized", "authentication required", "invalid authentication token",
        "token expired", "api key has expired", "invalid api key",
    ];

    /// <summary>The server's ForbiddenError texts, which many handlers answer as 500 (a catch-all that keeps the text).</summary>
    private static readonly string[] ForbiddenTexts =
    [
        "organization is inactive", "user account is inactive", "api key is inactive", "this feature requires a full account",
    ];

    /// <summary>Codes of failures that no retry can mend (the deployment's configuration must change first).</summary>
    private static readonly string[] PermanentCodes = ["ai_not_configured", "model_not_configured"];

    /// <summary>Whether the server's code marks a failure no retry can mend.</summary>
    public static bool IsPermanentCode(string? code) => code is not null && PermanentCodes.Contains(code, StringComparer.OrdinalIgnoreCase);

    public static async Task<MiladyCloudApiException> ReadAsync(HttpResponseMessage response, TimeProvider clock, SecretScrubber secrets, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var exception = Create(response.StatusCode, body, response.Headers, clock, secrets);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.RequestMessage?.IsServiceUnavailableFinal() == true)
        {
            // The retry handler did not repeat it; the caller must not be told to either.
            exception.MarkPermanent();
        }

        return exception;
    }

    /// <summary>Builds the exception for a status and body (also used for errors that arrive inside a stream).</summary>
    public static MiladyCloudApiException Create(HttpStatusCode status, string? body, HttpResponseHeaders? headers = null, TimeProvider? clock = null, SecretScrubber? secrets = null)
    {
        secrets ??= SecretScrubber.None;
        var parsed = Scrubbed(ErrorBodyParser.Parse(body), secrets);
        var headerDelay = headers is null ? null : RetryAfterHeaders.Read(headers, clock ?? TimeProvider.System, includeReset: status == HttpStatusCode.TooManyRequests);
        var retryAfter = headerDelay ?? parsed.RetryAfter;
        var kind = Classify(status, parsed);
        var message = Describe(status, parsed, body, secrets);
        var rawBody = body is null ? null : secrets.Scrub(body);
        var exception = Build(kind, message, status, rawBody, parsed);
        exception.SetResponseFacts(
            NormalizedCode(kind, parsed, status),
            parsed.Code,
            parsed.Type,
            parsed.Message,
            parsed.Details,
            secrets.Scrub(parsed.RequestId ?? RequestIdHeader(headers)),
            headers is null ? null : secrets.Scrub(RateLimitInfo.FromHeaders(headers)),
            retryAfter);
        return exception;
    }

    /// <summary>
    /// Every text field the server sent, with the credentials masked (case-insensitively: the error code is upper-cased
    /// later), before anything is derived from them.
    /// </summary>
    private static ParsedErrorBody Scrubbed(ParsedErrorBody parsed, SecretScrubber secrets) => parsed with
    {
        Message = secrets.Scrub(parsed.Message),
        Code = secrets.Scrub(parsed.Code),
        Type = secrets.Scrub(parsed.Type),
        RequestId = secrets.Scrub(parsed.RequestId),
        Details = secrets.Scrub(parsed.Details),
        Cause = secrets.Scrub(parsed.Cause),
    };

    /// <summary>True when a failure status or a 200 body that says <c>success:false</c> must be reported as an error.</summary>
    public static bool IsSuccessFalse(string? body) => ErrorBodyParser.Parse(body).SuccessFalse;

    /// <summary>Whether the body reports missing credits (any envelope, including the 429 of <c>/messages</c>).</summary>
    public static bool IsInsufficientCredits(HttpStatusCode status, string? body)
        => Classify(status, ErrorBodyParser.Parse(body)) == ErrorKind.InsufficientCredits;

    /// <summary>
    /// Whether a 500 or 503 can never succeed when repeated: an authentication or permission failure (many routes answer
    /// those as 500), missing credits, or a code the server uses for a permanent condition (<c>ai_not_configured</c>:
    /// no provider is configured for the model).
    /// </summary>
    public static bool IsPermanentFailure(HttpStatusCode status, string? body)
    {
        var parsed = ErrorBodyParser.Parse(body);
        return Classify(status, parsed) is ErrorKind.Unauthorized or ErrorKind.Forbidden or ErrorKind.InsufficientCredits
            || IsPermanentCode(parsed.Code);
    }

    /// <summary>The start of the body as text (bounded, buffered once: see <see cref="ErrorBody"/>); <see langword="null"/> when unreadable.</summary>
    public static Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => ErrorBody.ReadTextAsync(response, cancellationToken);

    private static ErrorKind Classify(HttpStatusCode status, ParsedErrorBody parsed)
    {
        if (MentionsInsufficientCredits(status, parsed))
        {
            return ErrorKind.InsufficientCredits;
        }

        var code = (int)status;
        if (code >= 500 && (Mentions(parsed.Message, AuthFailureTexts) || Mentions(parsed.Cause, AuthFailureTexts)))
        {
            return ErrorKind.Unauthorized;
        }

        if (code >= 500 && (Mentions(parsed.Message, ForbiddenTexts) || Mentions(parsed.Cause, ForbiddenTexts)))
        {
            return ErrorKind.Forbidden;
        }

        return code switch
        {
            400 or 422 => ErrorKind.InvalidRequest,
            401 => ErrorKind.Unauthorized,
            403 => ErrorKind.Forbidden,
            404 => ErrorKind.NotFound,
            429 => ErrorKind.RateLimited,
            503 => ErrorKind.ServiceUnavailable,
            >= 500 => ErrorKind.ServerError,
            200 when parsed.SuccessFalse => ClassifySuccessFalse(parsed),
            _ => ErrorKind.Other,
        };
    }

    private static ErrorKind ClassifySuccessFalse(ParsedErrorBody parsed) => parsed.Code switch
    {
        "authentication_required" or "session_auth_required" => ErrorKind.Unauthorized,
        "access_denied" => ErrorKind.Forbidden,
        "resource_not_found" => ErrorKind.NotFound,
        "validation_error" => ErrorKind.InvalidRequest,
        _ => ErrorKind.Other,
    };

    private static bool MentionsInsufficientCredits(HttpStatusCode status, ParsedErrorBody parsed)
    {
        if (parsed.Code is "insufficient_credits" or "insufficient_balance" or "INSUFFICIENT_CREDITS" or "PAYMENT_REQUIRED"
            || parsed.Type is "insufficient_quota" or "insufficient_credits")
        {
            return true;
        }

        var text = parsed.Message ?? string.Empty;
        var saysInsufficient = text.Contains("Insufficient credits", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Insufficient app credits", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Insufficient balance", StringComparison.OrdinalIgnoreCase);
        return status == HttpStatusCode.PaymentRequired || saysInsufficient;
    }

    private static bool Mentions(string? message, string[] texts)
        => !string.IsNullOrEmpty(message) && Array.Exists(texts, text => message.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static string Describe(HttpStatusCode status, ParsedErrorBody parsed, string? body, SecretScrubber secrets)
    {
        var serverText = parsed.Message is { } headline && parsed.Cause is { } cause ? $"{headline}: {cause}" : parsed.Message ?? parsed.Cause ?? BodySnippet(body);
        var labels = string.Join(", ", new[] { parsed.Type, parsed.Code }.Where(s => !string.IsNullOrEmpty(s)).Distinct());
        var text = $"elizaOS Cloud returned {(int)status} {ReasonPhrase(status)}";
        if (!string.IsNullOrEmpty(serverText))
        {
            text += $": {serverText}";
        }

        if (labels.Length > 0)
        {
            text += $" ({labels})";
        }

        return secrets.Scrub(text);
    }

    private static string ReasonPhrase(HttpStatusCode status)
        => Enum.IsDefined(status) ? SplitWords().Replace(status.ToString(), " $1") : string.Empty;

    /// <summary>For bodies that are not JSON (an HTML error page, plain text): a short single-line excerpt, or nothing.</summary>
    private static string? BodySnippet(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var title = HtmlTitle().Match(body);
        var text = title.Success ? title.Groups[1].Value : body;
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static MiladyCloudApiException Build(ErrorKind kind, string message, HttpStatusCode status, string? body, ParsedErrorBody parsed) => kind switch
    {
        ErrorKind.InsufficientCredits => new MiladyCloudInsufficientCreditsException(message, status, body)
        {
            RequiredAmount = parsed.Required ?? RequiredFromText(parsed.Message),
            Balance = parsed.Balance,
        },
        ErrorKind.Unauthorized => new MiladyCloudUnauthorizedException(message, status, body),
        ErrorKind.Forbidden => new MiladyCloudForbiddenException(message, status, body),
        ErrorKind.NotFound => new MiladyCloudNotFoundException(message, status, body),
        ErrorKind.InvalidRequest => new MiladyCloudInvalidRequestException(message, status, body),
        ErrorKind.RateLimited => new MiladyCloudRateLimitedException(message, status, body),
        ErrorKind.ServiceUnavailable => new MiladyCloudServiceUnavailableException(message, status, body),
        ErrorKind.ServerError => new MiladyCloudInternalServerErrorException(message, status, body),
        _ => new MiladyCloudApiException(message, status, body),
    };

    private static MiladyCloudErrorCode NormalizedCode(ErrorKind kind, ParsedErrorBody parsed, HttpStatusCode status) => kind switch
    {
        ErrorKind.InsufficientCredits => MiladyCloudErrorCode.InsufficientCredits,
        ErrorKind.Unauthorized => MiladyCloudErrorCode.Unauthorized,
        ErrorKind.Forbidden => MiladyCloudErrorCode.Forbidden,
        ErrorKind.NotFound => MiladyCloudErrorCode.NotFound,
        ErrorKind.InvalidRequest => MiladyCloudErrorCode.InvalidRequest,
        ErrorKind.RateLimited => MiladyCloudErrorCode.RateLimited,
        ErrorKind.ServiceUnavailable or ErrorKind.ServerError => MiladyCloudErrorCode.InternalError,
        _ => new MiladyCloudErrorCode(parsed.Code?.ToUpperInvariant() ?? $"HTTP_{(int)status}"),
    };

    private static string? RequestIdHeader(HttpResponseHeaders? headers)
        => headers is null ? null : RetryAfterHeaders.TryFirst(headers, "X-Request-Id") ?? RetryAfterHeaders.TryFirst(headers, "request-id");

    private static decimal? RequiredFromText(string? message)
    {
        var match = message is null ? Match.Empty : RequiredAmount().Match(message);
        return match.Success && decimal.TryParse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    [GeneratedRegex(@"Required:\s*\$?\s*([0-9]+(?:\.[0-9]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredAmount();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex("(?<!^)([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex SplitWords();
}
