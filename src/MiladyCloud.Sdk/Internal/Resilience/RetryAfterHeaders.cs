using System.Globalization;
using System.Net.Http.Headers;

namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// The delay a response asks for, by precedence: <c>retry-after-ms</c>, <c>Retry-After</c> (seconds or HTTP-date),
/// <c>X-RateLimit-Reset</c> (ISO-8601 as this server sends it, or Unix seconds). The reset time only counts for a 429:
/// the server puts it on every response, and on a 503 it says nothing about when to try again.
/// </summary>
internal static class RetryAfterHeaders
{
    public static TimeSpan? Read(HttpResponseHeaders headers, TimeProvider clock, bool includeReset = true)
    {
        if (TryFirst(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            // An absurd value must not throw: capped, it is then refused as beyond MaxRetryDelay.
            return millis >= TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(millis);
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return NonNegative(delta);
            }

            if (retryAfter.Date is { } date)
            {
                return NonNegative(date - clock.GetUtcNow());
            }
        }

        return includeReset && ResetTime(headers) is { } reset ? NonNegative(reset - clock.GetUtcNow()) : null;
    }

    /// <summary>Parses <c>X-RateLimit-Reset</c>: an ISO-8601 time, or Unix seconds.</summary>
    public static DateTimeOffset? ResetTime(HttpResponseHeaders headers)
    {
        var text = TryFirst(headers, "X-RateLimit-Reset");
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return unixSeconds is > 0 and < 100_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds) : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }

    public static string? TryFirst(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static TimeSpan NonNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
