using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Apps (<c>/apps</c>): registered clients of the platform with their own API key, users, analytics and characters.
/// Domains, earnings, automation, promotion and app credits have their own clients (<see cref="Domains"/>,
/// <see cref="Earnings"/>, <see cref="Automation"/>, <see cref="Promotion"/>, <see cref="Credits"/>). Obtain it from <see cref="MiladyCloudClient.Apps"/>.
/// </summary>
/// <remarks>
/// Without any credential the service's edge answers 401 (<see cref="MiladyCloudUnauthorizedException"/>). A rejected API key is
/// judged by each route: most answer a 500 carrying the auth message (the SDK reads it as
/// <see cref="MiladyCloudUnauthorizedException"/>), the deployment, domain, automation and promotion routes a 500 with an empty
/// body (<see cref="MiladyCloudInternalServerErrorException"/>), the characters list a 401. An unknown app is "not found" (404),
/// another organization's app "access denied" (403) on most routes.
/// </remarks>
public partial class AppsClient : CategoryClient
{
    private AppDomainsClient? _domains;
    private AppEarningsClient? _earnings;
    private AppAutomationClient? _automation;
    private AppPromotionClient? _promotion;
    private AppCreditsClient? _credits;

    /// <summary>For mocking frameworks.</summary>
    protected AppsClient()
    {
    }

    internal AppsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Custom domains of apps.</summary>
    public virtual AppDomainsClient Domains => _domains ??= new AppDomainsClient(Pipeline);

    /// <summary>Monetization settings, earnings and withdrawals.</summary>
    public virtual AppEarningsClient Earnings => _earnings ??= new AppEarningsClient(Pipeline);

    /// <summary>Discord, Telegram and Twitter/X automation.</summary>
    public virtual AppAutomationClient Automation => _automation ??= new AppAutomationClient(Pipeline);

    /// <summary>Promotion: suggestions, campaigns, assets and post previews.</summary>
    public virtual AppPromotionClient Promotion => _promotion ??= new AppPromotionClient(Pipeline);

    /// <summary>Credits the caller buys and spends inside an app: balance, checkout and its verification.</summary>
    public virtual AppCreditsClient Credits => _credits ??= new AppCreditsClient(Pipeline);

    /// <summary>Lists the organization's apps.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The apps.</returns>
    public virtual async Task<IReadOnlyList<App>> ListAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("apps", MiladyCloudJsonContext.Default.AppListResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Apps.ToList();
    }

    /// <summary>
    /// Creates an app, its own API key and (unless skipped) a GitHub repository and subdomain. The answer's
    /// <see cref="CreateAppResponse.ApiKey"/> is the only time the key is returned: store it at once. Not retried
    /// automatically, so a lost answer never leaves a second app behind. When a subdomain is assigned the server then
    /// replaces the stored <c>app_url</c> with the production URL, so the returned app may already be out of date:
    /// read it again with <see cref="GetAsync"/> if that matters.
    /// </summary>
    /// <param name="app">Name (1-100 characters), app URL and optional details.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app, its API key and any warnings.</returns>
    /// <exception cref="ArgumentException">A field is missing or malformed.</exception>
    public virtual Task<CreateAppResponse> CreateAsync(CreateAppRequest app, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.Validate(app);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "apps", app, MiladyCloudJsonContext.Default.CreateAppRequest, MiladyCloudJsonContext.Default.CreateAppResponse, cancellationToken, SendFlags.NoRetry);
    }

    /// <summary>Checks whether a name is free, and which slug it maps to.</summary>
    /// <param name="name">1-100 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Availability, slug and a suggestion when taken.</returns>
    public virtual Task<AppNameCheckResult> CheckNameAsync(string name, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.Name(name);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "apps/check-name", new AppNameCheckRequest { Name = name }, MiladyCloudJsonContext.Default.AppNameCheckRequest, MiladyCloudJsonContext.Default.AppNameCheckResult, cancellationToken);
    }

    /// <summary>Gets an app.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app.</returns>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is empty, <c>.</c> or <c>..</c>.</exception>
    public virtual async Task<App> GetAsync(string appId, CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync(AppRoute.Path(appId), MiladyCloudJsonContext.Default.AppResponse, cancellationToken).ConfigureAwait(false);
        return envelope.App;
    }

    /// <summary>
    /// Changes an app; fields left null stay as they are, an empty string clears a URL, the e-mail or the description
    /// (an empty <c>app_url</c> is ignored). Linked character ids are not checked for existence here, unlike
    /// <see cref="SetCharactersAsync"/>.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated app.</returns>
    /// <exception cref="ArgumentException">A field is malformed, more than 4 characters are linked, or a character id is not a UUID.</exception>
    public virtual async Task<App> UpdateAsync(string appId, UpdateAppRequest update, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId);
        AppRequestValidator.Validate(update);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Patch, path, update, MiladyCloudJsonContext.Default.UpdateAppRequest, MiladyCloudJsonContext.Default.AppResponse, cancellationToken).ConfigureAwait(false);
        return envelope.App;
    }

    /// <summary>
    /// Deletes an app with its API key and, by default, its GitHub repository and hosting project. A deletion with
    /// cleanup errors still succeeds: <see cref="DeleteAppResponse.Success"/> is then <see langword="false"/> and
    /// <see cref="DeleteAppResponse.Errors"/> says what was left.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="deleteGitHubRepository"><see langword="false"/> keeps the repository.</param>
    /// <param name="deleteHostingProject"><see langword="false"/> keeps the hosting project.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was cleaned up.</returns>
    public virtual Task<DeleteAppResponse> DeleteAsync(string appId, bool deleteGitHubRepository = true, bool deleteHostingProject = true, CancellationToken cancellationToken = default)
    {
        var path = new QueryString()
            .AddFlag("deleteGitHubRepo", deleteGitHubRepository, serverDefault: true)
            .AddFlag("deleteVercelProject", deleteHostingProject, serverDefault: true)
            .AppendTo(AppRoute.Path(appId));
        return Pipeline.SendJsonAsync(HttpMethod.Delete, path, MiladyCloudJsonContext.Default.DeleteAppResponse, cancellationToken);
    }

    /// <summary>
    /// Replaces the app's API key: the old key stops working. The answer's <see cref="AppApiKeyRegeneration.ApiKey"/>
    /// is the only time the new key is returned (it is never logged, and <c>ToString</c> hides it). Not retried
    /// automatically: a repeat would replace the key again and lose the first answer.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new key.</returns>
    public virtual Task<AppApiKeyRegeneration> RegenerateApiKeyAsync(string appId, CancellationToken cancellationToken = default)
    {
        return Pipeline.SendJsonAsync(HttpMethod.Post, AppRoute.Path(appId, "regenerate-api-key"), MiladyCloudJsonContext.Default.AppApiKeyRegeneration, cancellationToken, SendFlags.NoRetry);
    }

    /// <summary>Gets what anyone may see about an active, approved app (the route needs no credentials).</summary>
    /// <param name="appId">The app id, a UUID.</param>
    /// <param name="redirectUri">A redirect URI to check against the app URL and allowed origins (400 when not allowed).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The public info.</returns>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is not a UUID.</exception>
    public virtual async Task<PublicAppInfo> GetPublicInfoAsync(string appId, string? redirectUri = null, CancellationToken cancellationToken = default)
    {
        // The route queries the database with the id unchecked: anything but a UUID comes back as a 500, not a 404.
        AppRequestValidator.Uuid(appId, nameof(appId));
        var path = new QueryString().Add("redirect_uri", redirectUri).AppendTo(AppRoute.Path(appId, "public"));
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.PublicAppInfoResponse, cancellationToken).ConfigureAwait(false);
        return envelope.App;
    }
}
