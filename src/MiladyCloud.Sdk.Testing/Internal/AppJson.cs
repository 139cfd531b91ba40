using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The app row as the apps routes send it: every column, snake_case, numeric columns as text.</summary>
internal static class AppJson
{
    public static void Write(Utf8JsonWriter w, FakeApp app)
    {
        w.WriteStartObject();
        w.WriteString("id", app.Id);
        w.WriteString("name", app.Name);
        FakeFormat.WriteNullable(w, "description", app.Description);
        w.WriteString("slug", app.Slug);
        w.WriteString("organization_id", FakeAccount.OrganizationId);
        w.WriteString("created_by_user_id", FakeAccount.UserId);
        w.WriteString("app_url", app.AppUrl);
        FakeFormat.WriteStrings(w, "allowed_origins", app.AllowedOrigins);
        w.WriteString("api_key_id", app.ApiKeyId);
        w.WriteNull("affiliate_code");
        w.WriteString("referral_bonus_credits", "0.00");
        w.WriteString("total_credits_used", FakeFormat.Numeric(app.CreditsUsed));
        w.WriteNumber("total_requests", app.Requests.Count);
        w.WriteNumber("total_users", app.Users.Count);
        FakeFormat.WriteNullable(w, "logo_url", app.LogoUrl);
        FakeFormat.WriteNullable(w, "website_url", app.WebsiteUrl);
        FakeFormat.WriteNullable(w, "contact_email", app.ContactEmail);
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("deployment_status", app.DeploymentStatus);
        FakeFormat.WriteNullable(w, "production_url", app.ProductionUrl);
        FakeFormat.WriteNullable(w, "last_deployed_at", app.LastDeployedAt);
        FakeFormat.WriteNullable(w, "github_repo", app.GithubRepo);
        FakeFormat.WriteStrings(w, "linked_character_ids", app.LinkedCharacterIds);
        w.WriteBoolean("monetization_enabled", app.MonetizationEnabled);
        w.WriteNumber("inference_markup_percentage", app.InferenceMarkupPercentage);
        w.WriteNumber("purchase_share_percentage", app.PurchaseSharePercentage);
        w.WriteNumber("platform_offset_amount", 0);
        w.WriteBoolean("custom_pricing_enabled", false);
        w.WriteString("total_creator_earnings", FakeFormat.Numeric(app.CreatorEarnings));
        w.WriteString("total_platform_revenue", FakeFormat.Numeric(app.PlatformRevenue));
        w.WritePropertyName("discord_automation");
        app.Discord.WriteTo(w);
        w.WritePropertyName("telegram_automation");
        app.Telegram.WriteTo(w);
        w.WritePropertyName("twitter_automation");
        app.Twitter.WriteTo(w);
        w.WritePropertyName("promotional_assets");
        app.PromotionalAssets.WriteTo(w);
        w.WriteString("user_database_status", "none");
        w.WriteNull("user_database_uri");
        w.WriteNull("user_database_project_id");
        w.WriteNull("user_database_branch_id");
        w.WriteNull("user_database_region");
        w.WriteNull("user_database_error");
        w.WriteBoolean("email_notifications", true);
        w.WriteBoolean("response_notifications", true);
        w.WriteBoolean("is_active", app.IsActive);
        w.WriteBoolean("is_approved", true);
        w.WriteString("created_at", FakeFormat.Iso(app.CreatedAt));
        w.WriteString("updated_at", FakeFormat.Iso(app.UpdatedAt));
        FakeFormat.WriteNullable(w, "last_used_at", app.LastUsedAt);
        w.WriteEndObject();
    }

    /// <summary><c>{"success":true,"app":{…}}</c>.</summary>
    public static FakeResponse Envelope(FakeApp app) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WritePropertyName("app");
        Write(w, app);
    }));

    /// <summary>The plain-error envelope the automation and promotion routes use.</summary>
    public static FakeResponse PlainNotFound() => FakeFormat.PlainError(System.Net.HttpStatusCode.NotFound, "App not found");

    public static FakeResponse NotFound() => FakeFormat.Failure(System.Net.HttpStatusCode.NotFound, "App not found");
}
