using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

// Analytics, users, characters and deployment of an app.
public partial class AppsClient
{
    private static readonly string[] Periods = ["hourly", "daily", "monthly"];

    /// <summary>
    /// Gets usage per period (the server's default is daily over the last 30 days), aggregated from the request log, and
    /// the app's all-time totals. Only periods with requests have a row; <see cref="AppAnalyticsRow.UniqueUsers"/>
    /// counts distinct IP addresses.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="period"><c>hourly</c>, <c>daily</c> or <c>monthly</c>.</param>
    /// <param name="start">Start of the range.</param>
    /// <param name="end">End of the range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One row per period, totals and the range.</returns>
    public virtual Task<AppAnalytics> GetAnalyticsAsync(string appId, string? period = null, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.OneOf(period, nameof(period), Periods);
        var path = new QueryString().Add("period", period).Add("start_date", start).Add("end_date", end).AppendTo(AppRoute.Path(appId, "analytics"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppAnalytics, cancellationToken);
    }

    /// <summary>Gets request statistics: totals, distinct IPs and users, counts by type, source and status.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="start">Start of the range.</param>
    /// <param name="end">End of the range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public virtual async Task<AppRequestStats> GetRequestStatsAsync(string appId, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var path = RequestAnalytics(appId, "stats").Add("start_date", start).Add("end_date", end).AppendTo(AppRoute.Path(appId, "analytics/requests"));
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppRequestStatsResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Stats;
    }

    /// <summary>Lists one window of the requests logged for the app, newest first.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="options">Filters, window size and offset; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A window of requests with the number matching the filters.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1-100 or the offset below 0.</exception>
    public virtual Task<AppRequestLogPage> ListRequestsAsync(string appId, AppRequestListOptions? options = null, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(RequestLogPath(appId, options, options?.Limit, options?.Offset), MiladyCloudJsonContext.Default.AppRequestLogPage, cancellationToken);

    /// <summary>
    /// Enumerates every request matching the filters, newest first, fetching windows of <see cref="AppRequestListOptions.Limit"/>
    /// (100 when not set) lazily as you iterate, from <see cref="AppRequestListOptions.Offset"/> on, and stopping at the
    /// reported total (or an empty window).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="options">Filters, window size and first offset; <see langword="null"/> for every request.</param>
    /// <param name="cancellationToken">Cancels the walk, also between windows.</param>
    /// <returns>The requests, newest first.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1-100 or the offset below 0 (thrown at once, not on first iteration).</exception>
    public virtual IAsyncEnumerable<AppRequestLog> ListAllRequestsAsync(string appId, AppRequestListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var limit = options?.Limit ?? AppRequestListOptions.MaxLimit;
        _ = RequestLogPath(appId, options, limit, options?.Offset);
        return Pager.ByOffsetAsync(
            options?.Offset ?? 0,
            (offset, ct) => Pipeline.GetJsonAsync(RequestLogPath(appId, options, limit, offset), MiladyCloudJsonContext.Default.AppRequestLogPage, ct),
            page => page.Requests,
            page => (int)Math.Min(page.Total, int.MaxValue),
            cancellationToken);
    }

    /// <summary>Lists visitors by IP address with their request counts.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="start">Start of the range.</param>
    /// <param name="end">End of the range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The visitors.</returns>
    public virtual async Task<IReadOnlyList<AppVisitor>> ListVisitorsAsync(string appId, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var path = RequestAnalytics(appId, "visitors").Add("start_date", start).Add("end_date", end).AppendTo(AppRoute.Path(appId, "analytics/requests"));
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppVisitorList, cancellationToken).ConfigureAwait(false);
        return envelope.Visitors.ToList();
    }

    /// <summary>Gets request counts and credits over time.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="period"><c>hourly</c>, <c>daily</c> or <c>monthly</c>.</param>
    /// <param name="start">Start of the range.</param>
    /// <param name="end">End of the range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One point per period.</returns>
    public virtual Task<AppRequestTimeline> GetRequestTimelineAsync(string appId, string? period = null, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.OneOf(period, nameof(period), Periods);
        var path = RequestAnalytics(appId, "timeline").Add("start_date", start).Add("end_date", end).Add("period", period).AppendTo(AppRoute.Path(appId, "analytics/requests"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppRequestTimeline, cancellationToken);
    }

    /// <summary>Lists the app's users, newest first. There is no paging: without a limit every user is returned.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="limit">Most users to return; positive (the server has no cap).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users and the counts of this response.</returns>
    public virtual Task<AppUserList> ListUsersAsync(string appId, int? limit = null, CancellationToken cancellationToken = default)
    {
        RequestValidation.AtLeast(limit, 1, nameof(limit));
        var path = new QueryString().Add("limit", limit).AppendTo(AppRoute.Path(appId, "users"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppUserList, cancellationToken);
    }

    /// <summary>
    /// Lists the characters linked to the app (deleted ones are skipped). The route accepts a session of the app's
    /// organization, or the app's own API key (from <see cref="CreateAsync"/> or <see cref="RegenerateApiKeyAsync"/>):
    /// an ordinary organization key is refused with 403. When <see cref="MiladyCloudClientOptions.SessionToken"/> is set
    /// the call sends only the session, since the server would judge a configured API key first; otherwise use a client
    /// whose <see cref="MiladyCloudClientOptions.ApiKey"/> is the app's key.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The characters.</returns>
    /// <exception cref="MiladyCloudForbiddenException">The API key is not the app's own (also for an unknown app id), or the session belongs to another organization.</exception>
    /// <exception cref="MiladyCloudUnauthorizedException">Authentication failed (this route answers 401, not 500).</exception>
    public virtual async Task<IReadOnlyList<AppCharacter>> ListCharactersAsync(string appId, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "characters");
        var credentials = string.IsNullOrEmpty(Pipeline.Options.SessionToken) ? SendFlags.None : SendFlags.SessionOnly;
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppCharacterList, cancellationToken, credentials).ConfigureAwait(false);
        return envelope.Characters.ToList();
    }

    /// <summary>Replaces the linked characters (each must exist and be the calling user's own, or public).</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="characterIds">Up to 4 character ids (UUIDs); empty unlinks all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The linked ids.</returns>
    /// <exception cref="ArgumentException">More than 4 ids, or an id that is not a UUID.</exception>
    /// <exception cref="MiladyCloudNotFoundException">The app or a character does not exist.</exception>
    /// <exception cref="MiladyCloudForbiddenException">The app belongs to another organization, or a character is another user's private one.</exception>
    public virtual async Task<IReadOnlyList<string>> SetCharactersAsync(string appId, IList<string> characterIds, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "characters");
        AppRequestValidator.CharacterIds(characterIds);
        var body = new SetAppCharactersRequest { CharacterIds = characterIds };
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Put, path, body, MiladyCloudJsonContext.Default.SetAppCharactersRequest, MiladyCloudJsonContext.Default.SetAppCharactersResponse, cancellationToken).ConfigureAwait(false);
        return envelope.LinkedCharacterIds.ToList();
    }

    /// <summary>Gets the deployment configuration and up to 10 recent deployments.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deployment info.</returns>
    public virtual Task<AppDeploymentInfo> GetDeploymentStatusAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "deploy"), MiladyCloudJsonContext.Default.AppDeploymentInfo, cancellationToken);

    /// <summary>Deploys the app from its GitHub repository (needs a repository; 503 when deployment is not configured).</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="deployment">Branch (default main), target (<c>production</c> or <c>preview</c>) and commit; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The started deployment.</returns>
    public virtual Task<AppDeployment> DeployAsync(string appId, DeployAppRequest? deployment = null, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "deploy");
        AppRequestValidator.OneOf(deployment?.Target?.Value, "target", "production", "preview");
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, deployment ?? new DeployAppRequest(), MiladyCloudJsonContext.Default.DeployAppRequest, MiladyCloudJsonContext.Default.AppDeployment, cancellationToken, SendFlags.NoRetry);
    }

    // The window is passed apart from the options so a walk can move it without copying them.
    private static string RequestLogPath(string appId, AppRequestListOptions? options, int? limit, int? offset)
    {
        AppRequestValidator.Range(limit, 1, AppRequestListOptions.MaxLimit, "limit");
        RequestValidation.AtLeast(offset, 0, "offset");
        return RequestAnalytics(appId, "logs").Add("start_date", options?.Start).Add("end_date", options?.End).Add("request_type", options?.RequestType).Add("source", options?.Source)
            .Add("limit", limit).Add("offset", offset).AppendTo(AppRoute.Path(appId, "analytics/requests"));
    }

    private static QueryString RequestAnalytics(string appId, string view)
    {
        RequestPath.Segment(appId, nameof(appId));
        return new QueryString().Add("view", view);
    }
}
