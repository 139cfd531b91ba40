using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>The service failed (500, 502, 504 and other 5xx).</summary>
public class MiladyCloudInternalServerErrorException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudInternalServerErrorException(string message, HttpStatusCode statusCode = HttpStatusCode.InternalServerError, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }
}
