using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>The promotion limits the server enforces, checked before sending (some of these calls cost credits).</summary>
internal static class AppPromotionValidator
{
    private static readonly string[] Channels = ["social", "seo", "advertising", "twitter_automation", "telegram_automation", "discord_automation"];
    private static readonly string[] PreviewPlatforms = ["discord", "telegram", "twitter"];

    public static void Validate(PromoteAppRequest promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        RequestValidation.NotEmpty(promotion.Channels, "channels");
        foreach (var channel in promotion.Channels)
        {
            AppRequestValidator.OneOf(channel, "channels", Channels);
            RequireSettings(channel, channel switch
            {
                "social" => promotion.Social,
                "seo" => promotion.Seo,
                "advertising" => promotion.Advertising,
                "twitter_automation" => promotion.TwitterAutomation,
                "telegram_automation" => promotion.TelegramAutomation,
                _ => promotion.DiscordAutomation,
            });
        }

        if (promotion.Social is { } social)
        {
            RequestValidation.NotEmpty(social.Platforms, "social.platforms");
            AppRequestValidator.MaxLength(social.CustomMessage, 2000, "social.customMessage");
        }

        if (promotion.Advertising is { } ads)
        {
            AppRequestValidator.OneOf(ads.Platform, "advertising.platform", "meta", "google", "tiktok");
            AppRequestValidator.OneOf(ads.BudgetType, "advertising.budgetType", "daily", "lifetime");
            AppRequestValidator.OneOf(ads.Objective, "advertising.objective", "awareness", "traffic", "engagement", "app_promotion");
            if (double.IsNaN(ads.Budget) || ads.Budget <= 0 || ads.Budget > 10_000)
            {
                throw new ArgumentException($"advertising.budget must be more than 0 and at most 10000 (was {ads.Budget}).", "advertising.budget");
            }

            AppRequestValidator.Range(ads.Duration, 1, 365, "advertising.duration");
        }
    }

    public static void Validate(GenerateAppPromotionAssetsRequest assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        AppRequestValidator.MaxLength(assets.TargetAudience, 500, "targetAudience");
        AppRequestValidator.MaxLength(assets.CustomPrompt, 1000, "customPrompt");
    }

    public static void Validate(PreviewAppPromotionPostsRequest preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        RequestValidation.NotEmpty(preview.Platforms, "platforms");
        foreach (var platform in preview.Platforms)
        {
            AppRequestValidator.OneOf(platform, "platforms", PreviewPlatforms);
        }

        AppRequestValidator.Range(preview.Count, 1, 4, "count");
    }

    private static void RequireSettings(string channel, object? settings)
    {
        if (settings is null)
        {
            throw new ArgumentException($"The {channel} channel is selected but its settings object is missing.", "channels");
        }
    }
}
