using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The live log stream of a container, read with <c>await foreach</c>: <see cref="ContainerLogLineEvent"/> for each new
/// entry and <see cref="ContainerLogErrorEvent"/> when the server failed to read the log store (it keeps trying).
/// The server never ends it; cancel the token or leave the loop to close the connection.
/// </summary>
public class ContainerLogStream : MiladyCloudStream<ContainerLogStreamEvent>
{
    /// <summary>For mocking frameworks.</summary>
    protected ContainerLogStream()
    {
    }

    internal ContainerLogStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<ContainerLogStreamEvent>> open)
        : base(open)
    {
    }
}
