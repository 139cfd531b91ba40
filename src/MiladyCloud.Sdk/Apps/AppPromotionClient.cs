using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Promotion of an app (<c>/apps/{id}/promote</c>): suggestions, multi-channel campaigns, generated assets, post
/// previews and campaign analytics. Obtain it from <see cref="AppsClient.Promotion"/>.
/// </summary>
/// <remarks>
/// These routes authenticate outside their error handling, so a rejected credential comes back as a 500 with an empty
/// body (<see cref="MiladyCloudInternalServerErrorException"/>). Suggestions, history and promotions have no error handling at all:
/// an unknown app is such a 500 too, not <see cref="MiladyCloudNotFoundException"/>.
/// </remarks>
public class AppPromotionClient : CategoryClient
{
    private static readonly string[] AssetPlatforms = ["meta", "google", "twitter", "linkedin"];

    /// <summary>For mocking frameworks.</summary>
    protected AppPromotionClient()
    {
    }

    internal AppPromotionClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets suggested channels, platforms and tips (the budget is always 0-0).</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The suggestions.</returns>
    public virtual Task<AppPromotionSuggestions> GetSuggestionsAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "promote"), MiladyCloudJsonContext.Default.AppPromotionSuggestions, cancellationToken);

    /// <summary>Gets past promotions.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The campaign count and recent activity.</returns>
    public virtual Task<AppPromotionHistory> GetHistoryAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "promote") + "?history=true", MiladyCloudJsonContext.Default.AppPromotionHistory, cancellationToken);

    /// <summary>
    /// Promotes the app on the selected channels (each needs its settings object). Costs credits and is not repeated
    /// after an ambiguous failure. When some channels fail the call still returns (the server answers 207): check
    /// <see cref="AppPromotionResult.Errors"/>.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="promotion">Channels and their settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Per-channel results, credits used and errors.</returns>
    /// <exception cref="ArgumentException">No channel, an unknown channel or platform, a missing settings object, an out-of-range value or an id that is not a UUID.</exception>
    public virtual Task<AppPromotionResult> PromoteAsync(string appId, PromoteAppRequest promotion, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "promote");
        AppPromotionValidator.Validate(promotion);
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, promotion, MiladyCloudJsonContext.Default.PromoteAppRequest, MiladyCloudJsonContext.Default.AppPromotionResult, cancellationToken, SendFlags.ConsumesCredits);
    }

    /// <summary>Gets campaign totals, campaigns and signup attribution (all-time: the server does not filter by date).</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="days">How far back <see cref="AppPromotionAnalytics.DateRange"/> starts (the server's default is 30); positive. It filters nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The analytics.</returns>
    public virtual Task<AppPromotionAnalytics> GetAnalyticsAsync(string appId, int? days = null, CancellationToken cancellationToken = default)
    {
        RequestValidation.AtLeast(days, 1, nameof(days));
        var path = new QueryString().Add("days", days).AppendTo(AppRoute.Path(appId, "promote/analytics"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppPromotionAnalytics, cancellationToken);
    }

    /// <summary>Gets the asset sizes (recommended for a platform, and all) and their cost.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="platform"><c>meta</c>, <c>google</c>, <c>twitter</c> or <c>linkedin</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Sizes and costs.</returns>
    public virtual Task<AppPromotionAssetOptions> GetAssetOptionsAsync(string appId, string? platform = null, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.OneOf(platform, nameof(platform), AssetPlatforms);
        var path = new QueryString().Add("platform", platform).AppendTo(AppRoute.Path(appId, "promote/assets"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppPromotionAssetOptions, cancellationToken);
    }

    /// <summary>
    /// Generates promotional images (one social card, plus a banner with <see cref="GenerateAppPromotionAssetsRequest.IncludeAdBanners"/>)
    /// and ad copy; charged up front, failed images refunded. Not repeated after an ambiguous failure.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="assets">Options; null for the server's defaults (an empty object is sent: the server requires a body). <see cref="GenerateAppPromotionAssetsRequest.Sizes"/> is checked but has no effect.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assets, copy, errors and credits used.</returns>
    public virtual Task<AppPromotionAssets> GenerateAssetsAsync(string appId, GenerateAppPromotionAssetsRequest? assets = null, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "promote/assets");
        assets ??= new GenerateAppPromotionAssetsRequest();
        AppPromotionValidator.Validate(assets);
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, assets, MiladyCloudJsonContext.Default.GenerateAppPromotionAssetsRequest, MiladyCloudJsonContext.Default.AppPromotionAssets, cancellationToken, SendFlags.ConsumesCredits);
    }

    /// <summary>
    /// Drafts posts for Discord, Telegram or Twitter/X without publishing them. Costs credits: every draft is written by
    /// AI and charged like a real post, so it is not repeated after an ambiguous failure. A platform whose drafts fail
    /// (for lack of credits, say) is listed in <see cref="AppPromotionPreview.Errors"/> and the call still succeeds.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="preview">Platforms, count (1-4) and an optional character (a UUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The drafts.</returns>
    /// <exception cref="ArgumentException">No or an unknown platform, a count outside 1-4, or a character id that is not a UUID.</exception>
    public virtual Task<AppPromotionPreview> PreviewPostsAsync(string appId, PreviewAppPromotionPostsRequest preview, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "promote/preview");
        AppPromotionValidator.Validate(preview);
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, preview, MiladyCloudJsonContext.Default.PreviewAppPromotionPostsRequest, MiladyCloudJsonContext.Default.AppPromotionPreview, cancellationToken, SendFlags.ConsumesCredits);
    }
}
