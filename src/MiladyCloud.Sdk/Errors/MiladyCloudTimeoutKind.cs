namespace MiladyCloud.Sdk;

/// <summary>Which deadline a <see cref="MiladyCloudTimeoutException"/> reports.</summary>
public enum MiladyCloudTimeoutKind
{
    /// <summary>The response headers did not arrive within <see cref="MiladyCloudClientOptions.NetworkTimeout"/>.</summary>
    ResponseHeaders,

    /// <summary>The whole call, retries included, took longer than <see cref="MiladyCloudClientOptions.OperationTimeout"/>.</summary>
    Operation,

    /// <summary>A wait helper (such as <c>WaitUntilHealthyAsync</c>) reached its deadline before the awaited state.</summary>
    WaitDeadline,

    /// <summary>A stream delivered no event within <see cref="MiladyCloudClientOptions.StreamFirstEventTimeout"/>.</summary>
    FirstStreamEvent,

    /// <summary>A stream stayed silent between events for longer than <see cref="MiladyCloudClientOptions.StreamIdleTimeout"/>.</summary>
    StreamIdle,

    /// <summary>
    /// The headers arrived but the rest of a JSON response did not within <see cref="MiladyCloudClientOptions.NetworkTimeout"/>
    /// (a server or proxy that stalls mid-body).
    /// </summary>
    ResponseBody,
}
