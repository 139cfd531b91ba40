using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Discord, Telegram and Twitter/X automation of an app: scheduled announcements and replies written by the app's
/// character. The account (Discord server, Telegram bot, Twitter/X) must be connected to the organization first.
/// Obtain it from <see cref="AppsClient.Automation"/>. Intervals are minutes (30-1440).
/// </summary>
/// <remarks>
/// These routes authenticate outside their error handling, so a rejected credential comes back as a 500 with an empty
/// body (<see cref="MiladyCloudInternalServerErrorException"/>). The Twitter/X routes (except posting) have no error handling at
/// all: an unknown app is such a 500 too, not <see cref="MiladyCloudNotFoundException"/>. Stored Discord and Telegram intervals are
/// numbers (<see cref="double"/>): the server does not require whole minutes.
/// </remarks>
public class AppAutomationClient : CategoryClient
{
    private static readonly string[] TweetTypes = ["promotional", "engagement", "educational", "announcement"];

    /// <summary>For mocking frameworks.</summary>
    protected AppAutomationClient()
    {
    }

    internal AppAutomationClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets the Discord automation state.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    public virtual Task<AppDiscordAutomationStatus> GetDiscordAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "discord-automation"), MiladyCloudJsonContext.Default.AppDiscordAutomationStatus, cancellationToken);

    /// <summary>
    /// Configures Discord automation and switches it on unless <see cref="AppDiscordAutomationRequest.Enabled"/> is
    /// <see langword="false"/> (intervals default to 120-240 minutes on the server). The organization's Discord bot must
    /// be connected.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored settings.</returns>
    /// <exception cref="ArgumentException">
    /// An interval is out of range, the minimum exceeds the maximum, a maximum alone is below 120 or a minimum alone above
    /// 240, the tone is too long, or the character id is not a UUID.
    /// </exception>
    public virtual async Task<AppDiscordAutomationSettings> EnableDiscordAsync(string appId, AppDiscordAutomationRequest settings, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "discord-automation");
        AppAutomationValidator.Validate(settings);
        var result = await Pipeline.SendJsonAsync(HttpMethod.Post, path, settings, MiladyCloudJsonContext.Default.AppDiscordAutomationRequest, MiladyCloudJsonContext.Default.AppDiscordAutomationResult, cancellationToken).ConfigureAwait(false);
        return result.DiscordAutomation;
    }

    /// <summary>Turns Discord automation off.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is off.</returns>
    public virtual Task DisableDiscordAsync(string appId, CancellationToken cancellationToken = default)
        => Delete(appId, "discord-automation", MiladyCloudJsonContext.Default.AppSuccessResponse, cancellationToken);

    /// <summary>
    /// Posts an announcement to the configured Discord channel now. Without text the character writes it and the
    /// organization is charged; the server reports missing credits for that as a 500 (not a 402).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="text">Up to 2000 characters; null lets the character write it (costs credits).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message and channel ids.</returns>
    public virtual Task<AppDiscordPostResult> PostDiscordAnnouncementAsync(string appId, string? text = null, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "discord-automation/post");
        AppRequestValidator.MaxLength(text, 2000, nameof(text));
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, new AppDiscordPostRequest { Text = text }, MiladyCloudJsonContext.Default.AppDiscordPostRequest, MiladyCloudJsonContext.Default.AppDiscordPostResult, cancellationToken, SendFlags.NoRetry);
    }

    /// <summary>Gets the Telegram automation state.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    public virtual Task<AppTelegramAutomationStatus> GetTelegramAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "telegram-automation"), MiladyCloudJsonContext.Default.AppTelegramAutomationStatus, cancellationToken);

    /// <summary>
    /// Configures Telegram automation and switches it on unless <see cref="AppTelegramAutomationRequest.Enabled"/> is
    /// <see langword="false"/> (a bot must be connected; intervals default to 120-240 minutes).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored settings.</returns>
    /// <exception cref="ArgumentException">
    /// An interval or text is out of range, a one-sided interval breaks the default range (a maximum alone below 120, a
    /// minimum alone above 240), or the character id is not a UUID.
    /// </exception>
    public virtual async Task<AppTelegramAutomationSettings> EnableTelegramAsync(string appId, AppTelegramAutomationRequest settings, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "telegram-automation");
        AppAutomationValidator.Validate(settings);
        var result = await Pipeline.SendJsonAsync(HttpMethod.Post, path, settings, MiladyCloudJsonContext.Default.AppTelegramAutomationRequest, MiladyCloudJsonContext.Default.AppTelegramAutomationResult, cancellationToken).ConfigureAwait(false);
        return result.TelegramAutomation;
    }

    /// <summary>Turns Telegram automation off.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is off.</returns>
    public virtual Task DisableTelegramAsync(string appId, CancellationToken cancellationToken = default)
        => Delete(appId, "telegram-automation", MiladyCloudJsonContext.Default.AppSuccessResponse, cancellationToken);

    /// <summary>
    /// Posts an announcement to Telegram now. Without text the character writes it and the organization is charged; the
    /// server reports missing credits for that as a 500 (not a 402).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="announcement">Text (up to 4000 characters; generated when null, which costs credits) and an optional channel or group that overrides the configured one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message and chat ids.</returns>
    public virtual Task<AppTelegramPostResult> PostTelegramAnnouncementAsync(string appId, AppTelegramPostRequest? announcement = null, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "telegram-automation/post");
        AppRequestValidator.MaxLength(announcement?.Text, 4000, "text");
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, announcement ?? new AppTelegramPostRequest(), MiladyCloudJsonContext.Default.AppTelegramPostRequest, MiladyCloudJsonContext.Default.AppTelegramPostResult, cancellationToken, SendFlags.NoRetry);
    }

    /// <summary>Gets the Twitter/X automation state.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    public virtual Task<AppTwitterAutomationStatus> GetTwitterAsync(string appId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(AppRoute.Path(appId, "twitter-automation"), MiladyCloudJsonContext.Default.AppTwitterAutomationStatus, cancellationToken);

    /// <summary>
    /// Configures Twitter/X automation and switches it on: <see cref="AppTwitterAutomationRequest.Enabled"/> is ignored
    /// by the server (turn it off with <see cref="DisableTwitterAsync"/>). A Twitter/X account must be connected; without
    /// one, like for an unknown app, the server answers an empty 500.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="settings">The settings (post intervals 30-1440 and 60-1440 minutes, up to 10 topics of up to 50 characters, tone up to 100).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app with its stored settings (the server's envelope holds nothing else).</returns>
    /// <exception cref="ArgumentException">
    /// An interval, topic or tone is out of range, the minimum exceeds the maximum, or a one-sided interval breaks the
    /// default range (a maximum alone below 120, a minimum alone above 240).
    /// </exception>
    public virtual async Task<AppTwitterAutomationApp> EnableTwitterAsync(string appId, AppTwitterAutomationRequest settings, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "twitter-automation");
        AppAutomationValidator.Validate(settings);
        var result = await Pipeline.SendJsonAsync(HttpMethod.Post, path, settings, MiladyCloudJsonContext.Default.AppTwitterAutomationRequest, MiladyCloudJsonContext.Default.AppTwitterAutomationResult, cancellationToken).ConfigureAwait(false);
        return result.App;
    }

    /// <summary>Turns Twitter/X automation off.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app with its stored settings (the server's envelope holds nothing else).</returns>
    public virtual async Task<AppTwitterAutomationApp> DisableTwitterAsync(string appId, CancellationToken cancellationToken = default)
        => (await Delete(appId, "twitter-automation", MiladyCloudJsonContext.Default.AppTwitterAutomationResult, cancellationToken).ConfigureAwait(false)).App;

    /// <summary>Posts a tweet now (costs credits; 402 when they are missing). Not repeated after an ambiguous failure.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="text">Up to 280 characters; null lets the character write it.</param>
    /// <param name="type"><c>promotional</c>, <c>engagement</c>, <c>educational</c> or <c>announcement</c> (the server checks it but does not use it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tweet id and URL.</returns>
    public virtual Task<AppTweetResult> PostTweetAsync(string appId, string? text = null, string? type = null, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "twitter-automation/post");
        AppRequestValidator.MaxLength(text, 280, nameof(text));
        AppRequestValidator.OneOf(type, nameof(type), TweetTypes);
        var body = new AppTweetRequest { Text = text, Type = type is null ? (AppTweetType?)null : new AppTweetType(type) };
        return Pipeline.SendJsonAsync(HttpMethod.Post, path, body, MiladyCloudJsonContext.Default.AppTweetRequest, MiladyCloudJsonContext.Default.AppTweetResult, cancellationToken, SendFlags.ConsumesCredits);
    }

    private Task<TResponse> Delete<TResponse>(string appId, string suffix, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        => Pipeline.SendJsonAsync(HttpMethod.Delete, AppRoute.Path(appId, suffix), responseInfo, cancellationToken);
}
