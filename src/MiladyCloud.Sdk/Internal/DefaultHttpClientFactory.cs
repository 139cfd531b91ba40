using System.Net;
using MiladyCloud.Sdk.Internal.Resilience;
using Microsoft.Extensions.Http.Resilience;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds the HttpClient a <see cref="MiladyCloudClient"/> owns when it is not given one.</summary>
internal static class DefaultHttpClientFactory
{
    public static HttpClient Create(MiladyCloudClientOptions options, HttpMessageHandler? transport = null)
    {
        transport ??= CreateTransport(options);
        var buffering = new BodyBufferingHandler { InnerHandler = transport };
        var rateLimits = new RateLimitHandler(options.TimeProvider) { InnerHandler = buffering };
        var resilience = new ResilienceHandler(MiladyCloudResilience.Build(options)) { InnerHandler = rateLimits };
        return new HttpClient(resilience, disposeHandler: true)
        {
            // Streams run for minutes; per-attempt and stream timeouts are enforced by the SDK itself.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The socket handler used by the client's own HttpClient and by the dependency-injection registration.</summary>
    public static SocketsHttpHandler CreateTransport(MiladyCloudClientOptions options) => new()
    {
        // Recycle pooled connections so DNS changes are seen by long-lived clients.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.All,
        // Bounded so a burst of calls cannot exhaust the machine's sockets; excess calls queue for a connection.
        MaxConnectionsPerServer = options.MaxConnectionsPerServer,
        // Redirects could carry credentials to another host; the API never redirects.
        AllowAutoRedirect = false,
        // Credentials come from the options on every request; never keep cookies a server sets.
        UseCookies = false,
    };
}
