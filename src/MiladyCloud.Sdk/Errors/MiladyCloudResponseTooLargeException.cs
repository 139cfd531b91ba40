namespace MiladyCloud.Sdk;

/// <summary>
/// An answer larger than a size limit of the SDK: a response body or one stream event beyond
/// <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>, or a download beyond
/// <see cref="MiladyCloudClientOptions.MaxDownloadBytes"/> (sizes counted after decompression). Reading stopped at the
/// limit, so no more memory than that was spent on it.
/// </summary>
public class MiladyCloudResponseTooLargeException : MiladyCloudResponseFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was too large, and which limit it passed.</param>
    /// <param name="limitName">The option that sets the limit, such as <c>MaxResponseBytes</c>.</param>
    /// <param name="limit">The limit in bytes.</param>
    public MiladyCloudResponseTooLargeException(string message, string limitName, long limit)
        : base(message, rawBody: null)
    {
        LimitName = limitName;
        Limit = limit;
    }

    /// <summary>The option that sets the limit that was passed, such as <c>MaxResponseBytes</c>.</summary>
    public string LimitName { get; }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
