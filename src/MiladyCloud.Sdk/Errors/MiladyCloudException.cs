namespace MiladyCloud.Sdk;

/// <summary>
/// The base of every exception the SDK throws for trouble with the service or the transport. Invalid arguments
/// are reported with <see cref="ArgumentException"/> before any request is sent, and cancellation by the caller
/// stays an <see cref="OperationCanceledException"/>.
/// </summary>
public class MiladyCloudException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public MiladyCloudException()
        : base("The elizaOS Cloud request failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MiladyCloudException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MiladyCloudException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
