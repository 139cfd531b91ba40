namespace MiladyCloud.Sdk.Testing;

/// <summary>What a <see cref="FakeFault"/> does to the response.</summary>
public enum FakeFaultKind
{
    /// <summary>Answer with an error status and body instead of the normal response.</summary>
    ErrorResponse,

    /// <summary>Close a stream after some events, without its terminal marker.</summary>
    StreamCut,

    /// <summary>Send an error in-band after some events (an <c>error</c> event, or an error data frame for chat).</summary>
    StreamError,

    /// <summary>Wait before the first event of a stream.</summary>
    SlowFirstEvent,

    /// <summary>Send some events, then nothing more while keeping the connection open.</summary>
    StreamStall,

    /// <summary>Send the headers of a success, then a body that stops short (a connection lost mid-body).</summary>
    TruncatedBody,

    /// <summary>Send the headers of a success and the start of a body, then abort the connection (no clean end of the body).</summary>
    DroppedConnection,
}
