namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddMiladyCloud</c>: the registration's service collection and the <see cref="IHttpClientBuilder"/>
/// of its typed HttpClient, to add handlers or a proxy, or to replace the resilience pipeline
/// (<c>RemoveAllResilienceHandlers()</c>, then add your own, so requests are never retried twice).
/// </summary>
public class MiladyCloudBuilder
{
    /// <summary>Creates the builder.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="httpClientBuilder">The builder of the SDK's HttpClient.</param>
    public MiladyCloudBuilder(IServiceCollection services, IHttpClientBuilder httpClientBuilder)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
        HttpClientBuilder = httpClientBuilder ?? throw new ArgumentNullException(nameof(httpClientBuilder));
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The builder of the HttpClient the SDK uses (named <see cref="MiladyCloudServiceCollectionExtensions.HttpClientName"/>).</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }
}
