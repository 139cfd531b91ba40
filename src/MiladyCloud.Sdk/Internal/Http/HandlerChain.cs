using System.Net;
using MiladyCloud.Sdk.Internal.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The one description of the handler chain, used by <c>new MiladyCloudClient(...)</c> and by <c>AddMiladyCloud()</c>:
/// the retry pipeline outside (with its per-attempt timeout), then per attempt the rate-limit handler (every attempt
/// counted, its answer reported) and the body reader (a JSON body read inside the attempt, so a body cut or stalled
/// mid-way is an attempt failure the retry rules judge), then the socket transport.
/// </summary>
internal static class HandlerChain
{
    /// <summary>The HttpClient a <see cref="MiladyCloudClient"/> owns when it is not given one.</summary>
    public static HttpClient CreateOwned(MiladyCloudClientOptions options, HttpMessageHandler? transport = null)
    {
        var inner = transport ?? CreateTransport(options);
        foreach (var handler in PerAttempt(options).Reverse())
        {
            handler.InnerHandler = inner;
            inner = handler;
        }

        var resilience = new ResilienceHandler(MiladyCloudResilience.Build(options)) { InnerHandler = inner };
        return new HttpClient(resilience, disposeHandler: true)
        {
            // Streams run for minutes; per-attempt and stream timeouts are enforced by the SDK itself.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The same chain on a named client of <c>IHttpClientFactory</c>.</summary>
    public static IHttpClientBuilder AddTo(IServiceCollection services, string clientName, string resilienceHandlerName, Func<IServiceProvider, MiladyCloudClientOptions> optionsOf)
    {
        var http = services.AddHttpClient(clientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => CreateTransport(optionsOf(provider)));
        http.AddResilienceHandler(resilienceHandlerName, (pipeline, context) => MiladyCloudResilience.Configure(pipeline, optionsOf(context.ServiceProvider)));

        // Added after the resilience handler, so they sit inside it: one instance per attempt chain, as above.
        http.ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
        {
            foreach (var handler in PerAttempt(optionsOf(provider)))
            {
                handlers.Add(handler);
            }
        });
        return http;
    }

    /// <summary>The handlers inside the retry pipeline, outermost first.</summary>
    private static DelegatingHandler[] PerAttempt(MiladyCloudClientOptions options)
        => [new RateLimitHandler(options.TimeProvider), new BodyBufferingHandler()];

    /// <summary>The socket handler at the end of both chains.</summary>
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
