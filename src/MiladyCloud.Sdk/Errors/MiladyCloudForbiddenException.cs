using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>The credentials are valid but not allowed to do this (403), for example an account without an organization.</summary>
public class MiladyCloudForbiddenException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudForbiddenException(string message, HttpStatusCode statusCode = HttpStatusCode.Forbidden, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
