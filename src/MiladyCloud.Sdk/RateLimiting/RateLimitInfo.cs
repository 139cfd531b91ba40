using System.Globalization;
using System.Net.Http.Headers;
using MiladyCloud.Sdk.Internal.Resilience;

namespace MiladyCloud.Sdk;

/// <summary>
/// A snapshot of the <c>X-RateLimit-*</c> headers of one response. The server sends <c>X-RateLimit-Reset</c> as
/// an ISO-8601 time; Unix seconds are accepted too.
/// </summary>
public sealed record RateLimitInfo
{
    /// <summary>The number of requests allowed in the window.</summary>
    public int? Limit { get; init; }

    /// <summary>The number of requests left in the window.</summary>
    public int? Remaining { get; init; }

    /// <summary>When the window resets.</summary>
    public DateTimeOffset? Reset { get; init; }

    /// <summary>The limiter's policy as reported (<c>redis</c> or <c>in-memory</c>).</summary>
    public string? Policy { get; init; }

    /// <summary><see langword="true"/> when the server said no request is left in the window.</summary>
    public bool IsExhausted => Remaining is <= 0;

    /// <summary>Reads the snapshot from response headers; <see langword="null"/> when the response carries none.</summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public static RateLimitInfo? FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var limit = Integer(headers, "X-RateLimit-Limit");
        var remaining = Integer(headers, "X-RateLimit-Remaining");
        var reset = RetryAfterHeaders.ResetTime(headers);
        var policy = PolicyToken(RetryAfterHeaders.TryFirst(headers, "X-RateLimit-Policy"));
        return limit is null && remaining is null && reset is null && policy is null
            ? null
            : new RateLimitInfo { Limit = limit, Remaining = remaining, Reset = reset, Policy = policy };
    }

    /// <summary>
    /// The server sends <c>redis</c> or <c>in-memory</c>; anything that is not a short token (an echoed credential, say)
    /// is not kept.
    /// </summary>
    private static string? PolicyToken(string? value)
        => value is { Length: > 0 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? value : null;

    private static int? Integer(HttpResponseHeaders headers, string name)
        => int.TryParse(RetryAfterHeaders.TryFirst(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
