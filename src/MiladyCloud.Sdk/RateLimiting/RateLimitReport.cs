using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>What one answer told about the server's rate limits, handed to <see cref="RateLimitTracker.RecordAsync"/>.</summary>
public sealed record RateLimitReport
{
    /// <summary>When the request was sent (the server counted it at about this time).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the answer arrived.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The answer's status.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>The <c>X-RateLimit-*</c> headers, or <see langword="null"/> when the answer carried none.</summary>
    public RateLimitInfo? Info { get; init; }

    /// <summary>The delay a 429 asked for (<c>Retry-After</c> and its relatives), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary><see langword="true"/> for a 429 from a rate limiter.</summary>
    public bool IsRejected => StatusCode == HttpStatusCode.TooManyRequests;
}
