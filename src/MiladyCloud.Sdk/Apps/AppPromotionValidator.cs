using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>The promotion limits the server enforces, checked before sending (some of these calls cost credits).</summary>
internal static class AppPromotionValidator
{
    private static readonly string[] Channels = ["social", "seo", "advertising", "twitter_automation", "telegram_automation", "discord_automation"];
    private static readonly string[] SocialPlatforms = ["twitter", "bluesky", "discord", "telegram", "slack", "reddit", "facebook", "instagram", "tiktok", "linkedin", "mastodon"];
    private static readonly string[] PreviewPlatforms = ["discord", "telegram", "twitter"];
    private static readonly string[] AdSizes = ["facebook_feed", "facebook_story", "instagram_square", "instagram_story", "twitter_card", "linkedin_post", "google_display_leaderboard", "google_display_medium", "google_display_large"];

    public static void Validate(PromoteAppRequest promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        RequestValidation.NotEmpty(promotion.Channels, "channels");
        foreach (var channel in promotion.Channels)
        {
            AppRequestValidator.OneOf(channel.Value, "channels", Channels);
            RequireSettings(channel.Value, promotion);
        }

        if (promotion.Social is { } social)
        {
            Social(social);
        }

        if (promotion.Advertising is { } ads)
        {
            Advertising(ads);
        }

        if (promotion.TwitterAutomation is { } twitter)
        {
            Twitter(twitter);
        }

        if (promotion.TelegramAutomation is { } telegram)
        {
            Announcements(telegram.AnnounceIntervalMin, telegram.AnnounceIntervalMax, telegram.VibeStyle, telegram.AgentCharacterId, "telegramAutomation");
        }

        if (promotion.DiscordAutomation is { } discord)
        {
            Announcements(discord.AnnounceIntervalMin, discord.AnnounceIntervalMax, discord.VibeStyle, discord.AgentCharacterId, "discordAutomation");
        }
    }

    public static void Validate(GenerateAppPromotionAssetsRequest assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        foreach (var size in assets.Sizes ?? [])
        {
            AppRequestValidator.OneOf(size.Value, "sizes", AdSizes);
        }

        AppRequestValidator.MaxLength(assets.TargetAudience, 500, "targetAudience");
        AppRequestValidator.MaxLength(assets.CustomPrompt, 1000, "customPrompt");
    }

    public static void Validate(PreviewAppPromotionPostsRequest preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        RequestValidation.NotEmpty(preview.Platforms, "platforms");
        foreach (var platform in preview.Platforms)
        {
            AppRequestValidator.OneOf(platform.Value, "platforms", PreviewPlatforms);
        }

        AppRequestValidator.Range(preview.Count, 1, 4, "count");
        AppRequestValidator.Uuid(preview.AgentCharacterId, "agentCharacterId");
    }

    private static void Social(AppSocialPromotion social)
    {
        RequestValidation.NotEmpty(social.Platforms, "social.platforms");
        foreach (var platform in social.Platforms)
        {
            AppRequestValidator.OneOf(platform.Value, "social.platforms", SocialPlatforms);
        }

        AppRequestValidator.MaxLength(social.CustomMessage, 2000, "social.customMessage");
    }

    private static void Advertising(AppAdvertisingPromotion ads)
    {
        AppRequestValidator.OneOf(ads.Platform.Value, "advertising.platform", "meta", "google", "tiktok");
        AppRequestValidator.OneOf(ads.BudgetType.Value, "advertising.budgetType", "daily", "lifetime");
        AppRequestValidator.OneOf(ads.Objective.Value, "advertising.objective", "awareness", "traffic", "engagement", "app_promotion");
        RequestValidation.Required(ads.AdAccountId, "advertising.adAccountId");
        AppRequestValidator.Uuid(ads.AdAccountId, "advertising.adAccountId");
        if (double.IsNaN(ads.Budget) || ads.Budget <= 0 || ads.Budget > 10_000)
        {
            throw new ArgumentException($"advertising.budget must be more than 0 and at most 10000 (was {ads.Budget}).", "advertising.budget");
        }

        AppRequestValidator.Range(ads.Duration, 1, 365, "advertising.duration");
        if (ads.TargetLocations is { } locations && (locations.Count > 50 || locations.Any(l => l is not { Length: 2 })))
        {
            throw new ArgumentException("advertising.targetLocations holds at most 50 two-letter country codes.", "advertising.targetLocations");
        }
    }

    /// <summary>The promotion route's own Twitter/X rules: whole-minute intervals in range, no cross-field checks.</summary>
    private static void Twitter(AppPromotionTwitterConfig twitter)
    {
        AppRequestValidator.Range(twitter.PostIntervalMin, 30, 1440, "twitterAutomation.postIntervalMin");
        AppRequestValidator.Range(twitter.PostIntervalMax, 60, 1440, "twitterAutomation.postIntervalMax");
        AppRequestValidator.MaxLength(twitter.VibeStyle, 100, "twitterAutomation.vibeStyle");
        AppAutomationValidator.Topics(twitter.Topics);
        AppRequestValidator.Uuid(twitter.AgentCharacterId, "twitterAutomation.agentCharacterId");
    }

    private static void Announcements(int? min, int? max, string? vibeStyle, string? agentCharacterId, string channel)
    {
        AppRequestValidator.Range(min, 30, 1440, channel + ".announceIntervalMin");
        AppRequestValidator.Range(max, 60, 1440, channel + ".announceIntervalMax");
        AppRequestValidator.MaxLength(vibeStyle, 100, channel + ".vibeStyle");
        AppRequestValidator.Uuid(agentCharacterId, channel + ".agentCharacterId");
    }

    /// <summary>Every channel but seo needs its settings object (400 otherwise); seo without one does nothing.</summary>
    private static void RequireSettings(string channel, PromoteAppRequest promotion)
    {
        object? settings = channel switch
        {
            "social" => promotion.Social,
            "advertising" => promotion.Advertising,
            "twitter_automation" => promotion.TwitterAutomation,
            "telegram_automation" => promotion.TelegramAutomation,
            "discord_automation" => promotion.DiscordAutomation,
            _ => channel,
        };
        if (settings is null)
        {
            throw new ArgumentException($"The {channel} channel is selected but its settings object is missing.", "channels");
        }
    }
}
