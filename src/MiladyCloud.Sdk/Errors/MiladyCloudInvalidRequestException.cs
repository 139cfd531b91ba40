using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>The request was rejected as invalid (400, or 422).</summary>
public class MiladyCloudInvalidRequestException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudInvalidRequestException(string message, HttpStatusCode statusCode = HttpStatusCode.BadRequest, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
