namespace MiladyCloud.Sdk;

/// <summary>A successful response whose body was not the JSON the API promises. The raw text is kept.</summary>
public class MiladyCloudResponseFormatException : MiladyCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected.</param>
    /// <param name="rawBody">The body as received (possibly cut to a bounded length).</param>
    /// <param name="innerException">The parser error.</param>
    public MiladyCloudResponseFormatException(string message, string? rawBody, Exception? innerException = null)
        : base(message, innerException)
    {
        RawBody = rawBody;
    }

    /// <summary>The body as received (possibly cut to a bounded length).</summary>
    public string? RawBody { get; }
}
