namespace MiladyCloud.Sdk;

/// <summary>The service could not be reached, or the connection broke before a complete response arrived.</summary>
public class MiladyCloudConnectionException : MiladyCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The transport error.</param>
    public MiladyCloudConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// <see langword="true"/> when the request provably never reached the server (for example the connection was
    /// refused), so sending it again cannot do the work twice.
    /// </summary>
    public bool RequestNeverSent { get; init; }
}
