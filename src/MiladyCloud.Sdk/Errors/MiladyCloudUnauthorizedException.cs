using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>The credentials are missing, invalid or expired (401; also the 500s some routes send for auth failures).</summary>
public class MiladyCloudUnauthorizedException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudUnauthorizedException(string message, HttpStatusCode statusCode = HttpStatusCode.Unauthorized, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
