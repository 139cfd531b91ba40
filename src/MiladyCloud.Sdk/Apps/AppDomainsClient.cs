using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Custom domains of an app (<c>/apps/{id}/domains</c>). Obtain it from <see cref="AppsClient.Domains"/>. Domains are
/// ASCII host names with a TLD (4-253 characters, no punycode); an apex domain needs an A record, a subdomain a CNAME.
/// An app holds one custom domain.
/// </summary>
/// <remarks>
/// These routes authenticate outside their error handling: a rejected credential, and any failure of the hosting
/// provider, comes back as a 500 with an empty body (<see cref="MiladyCloudInternalServerErrorException"/>); an unknown app, or one
/// of another organization, is <see cref="MiladyCloudNotFoundException"/>.
/// </remarks>
public class AppDomainsClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected AppDomainsClient()
    {
    }

    internal AppDomainsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists the app's domain records and its sandbox URL.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The domains.</returns>
    public virtual Task<AppDomainList> ListAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "domains"), MiladyCloudJsonContext.Default.AppDomainList, cancellationToken);

    /// <summary>
    /// Adds a custom domain and returns the DNS records to create. The app must be deployed first; adding a second
    /// domain replaces the first.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="domain">The domain, such as <c>app.example.com</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Verification records and DNS instructions.</returns>
    /// <exception cref="ArgumentException">The domain is not one the server accepts.</exception>
    public virtual Task<AppDomainAdded> AddAsync(string appId, string domain, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "domains");
        var body = new AddAppDomainRequest { Domain = AppRequestValidator.Domain(domain) };
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, body, MiladyCloudJsonContext.Default.AddAppDomainRequest, MiladyCloudJsonContext.Default.AppDomainAdded, cancellationToken);
    }

    /// <summary>
    /// Removes the app's custom domain (sent as <c>DELETE</c> with the domain in the body). The server clears the app's
    /// custom domain whatever domain is named, once the hosting provider has removed the named one.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the domain is removed.</returns>
    public virtual Task RemoveAsync(string appId, string domain, CancellationToken cancellationToken = default)
        => Send(HttpMethod.Delete, appId, "domains", domain, MiladyCloudJsonContext.Default.AppMessageResponse, cancellationToken);

    /// <summary>
    /// Gets the DNS and certificate state of a domain. When the hosting provider has no answer for it,
    /// <see cref="AppDomainStatus.Error"/> says why (the call still succeeds).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state and the records still to create.</returns>
    public virtual Task<AppDomainStatus> GetStatusAsync(string appId, string domain, CancellationToken cancellationToken = default)
        => Send(HttpMethod.Post, appId, "domains/status", domain, MiladyCloudJsonContext.Default.AppDomainStatus, cancellationToken);

    /// <summary>Asks the server to verify a domain now.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it is verified, and its state.</returns>
    public virtual Task<AppDomainVerification> VerifyAsync(string appId, string domain, CancellationToken cancellationToken = default)
        => Send(HttpMethod.Post, appId, "domains/verify", domain, MiladyCloudJsonContext.Default.AppDomainVerification, cancellationToken);

    /// <summary>Syncs the app's domains with the hosting provider.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The domains and when they were synced.</returns>
    public virtual Task<AppDomainSyncResult> SyncAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.SendJsonAsync(HttpMethod.Post, AppRoute.Path(appId, "domains/sync"), MiladyCloudJsonContext.Default.AppDomainSyncResult, cancellationToken);

    private Task<TResponse> Send<TResponse>(HttpMethod method, string appId, string suffix, string domain, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        var path = AppRoute.Path(appId, suffix);
        // The server checks only the length here, but a domain it would refuse to add cannot be on the app: the
        // hosting provider's rejection would come back as an empty 500, so the add rules apply.
        var body = new AppDomainRequest { Domain = AppRequestValidator.Domain(domain) };
        return Pipeline.SendJsonAsync(method, path, body, MiladyCloudJsonContext.Default.AppDomainRequest, responseInfo, cancellationToken);
    }
}
