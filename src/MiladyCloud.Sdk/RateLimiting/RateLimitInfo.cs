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
}
