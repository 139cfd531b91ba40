using System.Net;

namespace MiladyCloud.Sdk;

/// <summary>The service or its model provider is unavailable (503).</summary>
public class MiladyCloudServiceUnavailableException : MiladyCloudApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A human-readable description (never contains credentials).</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body as received, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudServiceUnavailableException(string message, HttpStatusCode statusCode = HttpStatusCode.ServiceUnavailable, string? rawBody = null, Exception? innerException = null)
        : base(message, statusCode, rawBody, innerException)
    {
    }

}
