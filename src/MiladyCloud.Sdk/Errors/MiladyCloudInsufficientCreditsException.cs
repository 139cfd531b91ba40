using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>
/// The organization has too few credits (402; <c>/messages</c> reports it as 429 <c>rate_limit_error</c>).
/// Never retried: waiting does not add credits.
/// </summary>
public class MiladyCloudInsufficientCreditsException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudInsufficientCreditsException(string message, HttpStatusCode statusCode = HttpStatusCode.PaymentRequired, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

    /// <summary>The amount (in US dollars) the server said the call needs, when it said.</summary>
    public decimal? RequiredAmount { get; init; }

    /// <summary>The balance the server reported, when it did.</summary>
    public decimal? Balance { get; init; }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
