namespace MiladyCloud.Sdk;

/// <summary>
/// A deadline of the SDK expired. Cancellation by the caller is never reported this way: it stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public class MiladyCloudTimeoutException : MiladyCloudException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Which deadline expired.</param>
    /// <param name="timeout">The configured length of that deadline.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MiladyCloudTimeoutException(MiladyCloudTimeoutKind kind, TimeSpan timeout, Exception? innerException = null)
        : base(Describe(kind, timeout), innerException)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Which deadline expired.</summary>
    public MiladyCloudTimeoutKind Kind { get; }

    /// <summary>The configured length of the deadline.</summary>
    public TimeSpan Timeout { get; }

    private static string Describe(MiladyCloudTimeoutKind kind, TimeSpan timeout) => kind switch
    {
        MiladyCloudTimeoutKind.ResponseHeaders => $"elizaOS Cloud did not start answering within {timeout} (NetworkTimeout).",
        MiladyCloudTimeoutKind.Operation => $"The call did not complete within {timeout} (OperationTimeout), retries included.",
        MiladyCloudTimeoutKind.WaitDeadline => $"The awaited state was not reached within {timeout}.",
        MiladyCloudTimeoutKind.FirstStreamEvent => $"The stream delivered no event within {timeout} (StreamFirstEventTimeout).",
        MiladyCloudTimeoutKind.StreamIdle => $"The stream was silent for longer than {timeout} (StreamIdleTimeout).",
        MiladyCloudTimeoutKind.ResponseBody => $"elizaOS Cloud sent the response headers but not the rest of the response within {timeout} (NetworkTimeout).",
        _ => $"An SDK deadline of {timeout} expired.",
    };
}
