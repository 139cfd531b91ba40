namespace MiladyCloud.Sdk;

/// <summary>
/// A stream ended without its terminal marker (<c>[DONE]</c> for chat, <c>message_stop</c> for messages). The
/// server signals a failure mid-stream by cutting the connection, so this never counts as a clean finish.
/// </summary>
public class MiladyCloudStreamIncompleteException : MiladyCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was missing.</param>
    /// <param name="itemsReceived">How many items were delivered before the stream ended.</param>
    /// <param name="innerException">The transport error, if the connection broke.</param>
    public MiladyCloudStreamIncompleteException(string message, int itemsReceived, Exception? innerException = null)
        : base(message, innerException)
    {
        ItemsReceived = itemsReceived;
    }

    /// <summary>How many items were delivered before the stream ended.</summary>
    public int ItemsReceived { get; }
}
