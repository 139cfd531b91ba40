using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>
/// Too many requests (429). <see cref="MiladyCloudApiException.RetryAfter"/> says how long the server asked to
/// wait; the SDK retries by itself unless that is longer than the configured cap.
/// </summary>
public class MiladyCloudRateLimitedException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudRateLimitedException(string message, HttpStatusCode statusCode = HttpStatusCode.TooManyRequests, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

    /// <summary>
    /// <see langword="true"/> when the SDK did not send the request at all: the server's rate limit for the route was
    /// known to be exhausted for longer than the SDK may wait (nothing was counted or charged).
    /// </summary>
    public bool RequestNeverSent { get; init; }

    /// <inheritdoc />
    public override bool IsRetryable => true;
}
