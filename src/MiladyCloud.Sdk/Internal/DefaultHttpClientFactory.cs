using System.Net;
using MiladyCloud.Sdk.Internal.Resilience;
using Microsoft.Extensions.Http.Resilience;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds the HttpClient a <see cref="MiladyCloudClient"/> owns when it is not given one.</summary>
internal static class DefaultHttpClientFactory
{
    public static HttpClient Create(MiladyCloudClientOptions options, HttpMessageHandler? transport = null)
    {
        transport ??= new SocketsHttpHandler
        {
            // Recycle pooled connections so DNS changes are seen by long-lived clients.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.All,
            // Redirects could carry credentials to another host; the API never redirects.
            AllowAutoRedirect = false,
            // Credentials come from the options on every request; never keep cookies a server sets.
            UseCookies = false,
        };

        var resilience = new ResilienceHandler(MiladyCloudResilience.Build(options)) { InnerHandler = transport };
        return new HttpClient(resilience, disposeHandler: true)
        {
            // Streams run for minutes; per-attempt and stream timeouts are enforced by the SDK itself.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
