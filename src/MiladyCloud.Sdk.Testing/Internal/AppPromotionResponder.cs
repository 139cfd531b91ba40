using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's promotion: suggestions and history, multi-channel promotion (social posts go to the connected Twitter/X,
/// Discord and Telegram accounts, other platforms fail, which makes the answer a 207; an ad campaign is created;
/// automation channels switch the app's automation on), campaign analytics, generated assets and post previews.
/// Paid actions are charged to the balance at the server's prices; previews are charged like real posts.
/// </summary>
internal sealed class AppPromotionResponder(FakeLedger ledger, TimeProvider clock)
{
    private const decimal PerImage = 0.012m;
    private const decimal CopyGeneration = 0.012m;
    private const decimal ContentGeneration = 0.012m;
    private const decimal PerSocialPost = 0.001m;
    private static readonly string[] ConnectedPlatforms = ["twitter", "discord", "telegram"];
    private static readonly string[] SocialPlatforms = ["twitter", "bluesky", "discord", "telegram", "slack", "reddit", "facebook", "instagram", "tiktok", "linkedin", "mastodon"];
    private static readonly string[] Channels = ["social", "seo", "advertising", "twitter_automation", "telegram_automation", "discord_automation"];

    private static readonly Dictionary<string, (int Width, int Height)> Sizes = new(StringComparer.Ordinal)
    {
        ["facebook_feed"] = (1200, 628),
        ["facebook_story"] = (1080, 1920),
        ["instagram_square"] = (1080, 1080),
        ["instagram_story"] = (1080, 1920),
        ["twitter_card"] = (1200, 675),
        ["linkedin_post"] = (1200, 627),
        ["google_display_leaderboard"] = (728, 90),
        ["google_display_medium"] = (300, 250),
        ["google_display_large"] = (336, 280),
    };

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "promote") => call.QueryValue("history") == "true" ? History(app) : Suggestions(app),
        ("POST", "promote") => Promote(app, call.Body),
        ("GET", "promote/analytics") => Analytics(app, call.QueryValue("days")),
        ("GET", "promote/assets") => AssetOptions(call.QueryValue("platform")),
        ("POST", "promote/assets") => GenerateAssets(app, call.Body),
        ("POST", "promote/preview") => Preview(app, call.Body),
        _ => null,
    };

    /// <summary>The server's fixed suggestions; the fake's Twitter/X account is always connected.</summary>
    private static FakeResponse Suggestions(FakeApp app) => Json(w =>
    {
        var twitterOn = (bool?)app.Twitter["enabled"] ?? false;
        FakeFormat.WriteStrings(w, "recommendedChannels", ["social", "twitter_automation"]);
        w.WriteStartObject("estimatedBudget");
        w.WriteNumber("min", 0);
        w.WriteNumber("max", 0);
        w.WriteEndObject();
        FakeFormat.WriteStrings(w, "suggestedPlatforms", ["twitter", "bluesky", "linkedin", "discord"]);
        string[] tips = ["Start with social media announcements to build initial awareness", "Generate custom images to make your posts stand out", "Enable automation for consistent 24/7 engagement"];
        FakeFormat.WriteStrings(w, "tips", twitterOn ? tips : ["🚀 Enable Twitter Automation for 24/7 AI-powered vibe marketing!", .. tips]);
        w.WriteStartObject("twitterAutomationStatus");
        w.WriteBoolean("connected", true);
        w.WriteBoolean("enabled", twitterOn);
        w.WriteEndObject();
    });

    /// <summary>The history is the app's ad campaigns (up to 10), nothing else.</summary>
    private static FakeResponse History(FakeApp app) => Json(w =>
    {
        w.WriteNumber("totalCampaigns", app.Campaigns.Count);
        w.WriteStartArray("recentActivity");
        foreach (var campaign in app.Campaigns.Take(10))
        {
            w.WriteStartObject();
            w.WriteString("type", "advertising");
            w.WriteString("date", (string?)campaign["createdAt"]);
            w.WriteString("description", $"Created campaign: {(string?)campaign["name"]}");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private FakeResponse Promote(FakeApp app, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            // The route has no error handling: a body that is not a JSON object escapes as an empty 500.
            return AppRouteFailures.EmptyServerError();
        }

        if (PromotionSchemaProblem(body) is { } field)
        {
            return Invalid(field);
        }

        var channels = FakeFormat.Strings(body, "channels")!.Distinct().ToList();
        if (channels.FirstOrDefault(c => c != "seo" && FakeFormat.Member(body, ConfigName(c)).ValueKind != JsonValueKind.Object) is { } missing)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, $"{MissingConfigLabel(missing)} config required when {missing} channel is selected");
        }

        var errors = new List<string>();
        var results = new JsonObject();
        var credits = 0m;
        if ((channels.Contains("social") || channels.Contains("advertising")) && ledger.TryDebit(ContentGeneration, ContentGeneration, $"Generate promotional content for {app.Name}", null))
        {
            // Without credits the server silently skips the generated copy.
            credits += ContentGeneration;
        }

        foreach (var channel in channels.Where(c => FakeFormat.Member(body, ConfigName(c)).ValueKind == JsonValueKind.Object))
        {
            var config = FakeFormat.Member(body, ConfigName(channel));
            results[ConfigName(channel)] = channel switch
            {
                "social" => Social(app, config, errors, ref credits),
                "seo" => new JsonObject { ["success"] = true, ["requestId"] = FakeFormat.NewId(), ["artifacts"] = new JsonArray() },
                "advertising" => Campaign(app, config),
                _ => Automate(app, channel, config),
            };
        }

        var response = Json(w =>
        {
            w.WriteString("appId", app.Id);
            w.WriteString("appName", app.Name);
            w.WriteString("appUrl", app.AppUrl);
            w.WritePropertyName("channels");
            results.WriteTo(w);
            w.WriteNumber("totalCreditsUsed", credits);
            FakeFormat.WriteStrings(w, "errors", errors);
        });
        return errors.Count == 0 ? response : new FakeResponse { Status = HttpStatusCode.MultiStatus, Body = response.Body };
    }

    /// <summary>The first member the server's schema refuses, or null.</summary>
    private static string? PromotionSchemaProblem(JsonElement body)
    {
        var channels = FakeFormat.Strings(body, "channels");
        if (channels is not { Count: > 0 } || channels.Any(c => !Channels.Contains(c)))
        {
            return "channels";
        }

        var social = FakeFormat.Member(body, "social");
        if (social.ValueKind == JsonValueKind.Object && (FakeFormat.Strings(social, "platforms") is not { Count: > 0 } platforms || platforms.Any(p => !SocialPlatforms.Contains(p))))
        {
            return "social";
        }

        var twitter = FakeFormat.Member(body, "twitterAutomation");
        string[] switches = ["enabled", "autoPost", "autoReply", "autoEngage", "discovery"];
        if (twitter.ValueKind == JsonValueKind.Object && switches.Any(s => FakeFormat.Bool(twitter, s) is null))
        {
            return "twitterAutomation";
        }

        var ads = FakeFormat.Member(body, "advertising");
        if (ads.ValueKind == JsonValueKind.Object && (FakeFormat.Text(ads, "platform") is not ("meta" or "google" or "tiktok") || !Guid.TryParseExact(FakeFormat.Text(ads, "adAccountId"), "D", out _) || FakeFormat.Number(ads, "budget") is not (> 0 and <= 10_000)))
        {
            return "advertising";
        }

        return null;
    }

    private JsonObject Social(FakeApp app, JsonElement config, List<string> errors, ref decimal credits)
    {
        var platforms = new JsonArray();
        var requested = (FakeFormat.Strings(config, "platforms") ?? []).Distinct().ToList();
        foreach (var platform in requested)
        {
            if (!ConnectedPlatforms.Contains(platform))
            {
                platforms.Add(new JsonObject { ["platform"] = platform, ["success"] = false, ["error"] = $"{platform} is not connected" });
                continue;
            }

            var id = FakeFormat.Digits(19);
            platforms.Add(new JsonObject { ["platform"] = platform, ["success"] = true, ["postId"] = id, ["postUrl"] = $"https://{platform}.fake.invalid/posts/{id}" });
        }

        var success = platforms.All(p => (bool?)p!["success"] == true);
        if (!success)
        {
            errors.Add("Social media promotion partially failed");
        }

        var cost = PerSocialPost * requested.Count;
        credits += ledger.TryDebit(cost, cost, $"Social promotion of {app.Name}", null) ? cost : 0;
        return new JsonObject { ["success"] = success, ["platforms"] = platforms };
    }

    private JsonObject Campaign(FakeApp app, JsonElement config)
    {
        var platform = FakeFormat.Text(config, "platform") ?? "meta";
        var campaign = new JsonObject
        {
            ["id"] = FakeFormat.NewId(),
            ["name"] = $"{app.Name} - {FakeFormat.Text(config, "objective") ?? "traffic"}",
            ["platform"] = platform,
            ["status"] = "active",
            ["createdAt"] = FakeFormat.Iso(clock.GetUtcNow()),
        };
        app.Campaigns.Add(campaign);
        return new JsonObject { ["success"] = true, ["campaignId"] = (string?)campaign["id"], ["campaignName"] = (string?)campaign["name"] };
    }

    private static JsonObject Automate(FakeApp app, string channel, JsonElement config)
    {
        var settings = channel switch
        {
            "twitter_automation" => app.Twitter,
            "telegram_automation" => app.Telegram,
            _ => app.Discord,
        };
        AppAutomationResponder.Apply(settings, config, AppAutomationResponder.KeysOf(channel));
        return new JsonObject { ["success"] = true, ["enabled"] = (bool?)settings["enabled"] };
    }

    /// <summary>Campaigns and attribution are all-time; <c>days</c> only sets the range's start.</summary>
    private FakeResponse Analytics(FakeApp app, string? daysText)
    {
        var days = 30;
        if (daysText is not null && !int.TryParse(daysText, NumberStyles.Integer, CultureInfo.InvariantCulture, out days))
        {
            return FakeFormat.LibraryError(HttpStatusCode.InternalServerError, "An unexpected error occurred", "internal_error");
        }

        var now = clock.GetUtcNow();
        return Json(w =>
        {
            w.WriteStartObject("summary");
            w.WriteNumber("totalCampaigns", app.Campaigns.Count);
            w.WriteNumber("activeCampaigns", app.Campaigns.Count(c => (string?)c["status"] == "active"));
            foreach (var name in (string[])["totalSpend", "totalImpressions", "totalClicks", "totalConversions", "ctr", "cpc", "cpm", "conversionRate"])
            {
                // A fresh campaign has not been delivered yet.
                w.WriteNumber(name, 0);
            }

            w.WriteEndObject();
            w.WriteStartArray("campaigns");
            foreach (var campaign in app.Campaigns)
            {
                w.WriteStartObject();
                w.WriteString("id", (string?)campaign["id"]);
                w.WriteString("name", (string?)campaign["name"]);
                w.WriteString("platform", (string?)campaign["platform"]);
                w.WriteString("status", (string?)campaign["status"]);
                w.WriteNumber("spend", 0);
                w.WriteNumber("impressions", 0);
                w.WriteNumber("clicks", 0);
                w.WriteNumber("conversions", 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("attribution");
            foreach (var campaign in app.Campaigns)
            {
                w.WriteStartObject();
                w.WriteString("campaignId", (string?)campaign["id"]);
                w.WriteString("campaignName", (string?)campaign["name"]);
                w.WriteString("platform", (string?)campaign["platform"]);
                w.WriteNumber("signups", 0);
                w.WriteNumber("conversions", 0);
                w.WriteNumber("cost", 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("dateRange");
            w.WriteString("start", FakeFormat.Iso(now.AddDays(-days)));
            w.WriteString("end", FakeFormat.Iso(now));
            w.WriteEndObject();
        });
    }

    private static FakeResponse AssetOptions(string? platform)
    {
        IEnumerable<string> recommended = platform switch
        {
            null => Sizes.Keys,
            "meta" => ["facebook_feed", "facebook_story", "instagram_square", "instagram_story"],
            "google" => ["google_display_leaderboard", "google_display_medium", "google_display_large"],
            "linkedin" => ["linkedin_post"],
            _ => ["twitter_card"],
        };
        var bundle = (PerImage * 2) + CopyGeneration;
        return Json(w =>
        {
            FakeFormat.WriteStrings(w, "recommendedSizes", recommended);
            w.WriteStartArray("availableSizes");
            foreach (var (name, (width, height)) in Sizes)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("width", width);
                w.WriteNumber("height", height);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("estimatedCost");
            w.WriteNumber("perImage", PerImage);
            w.WriteNumber("copyGeneration", CopyGeneration);
            w.WriteNumber("fullBundle", bundle);
            w.WriteString("display", "$" + FakeFormat.Money(bundle));
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// One social card always, plus a banner with <c>includeAdBanners</c>; <c>sizes</c> is checked but not used. The
    /// generated images replace the app's promotional assets.
    /// </summary>
    private FakeResponse GenerateAssets(FakeApp app, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // request.json() runs outside the route's try/catch.
            return AppRouteFailures.EmptyServerError();
        }

        if (FakeFormat.Strings(body, "sizes") is { } sizes && sizes.Any(s => !Sizes.ContainsKey(s)) || FakeFormat.Text(body, "targetAudience") is { Length: > 500 } || FakeFormat.Text(body, "customPrompt") is { Length: > 1000 })
        {
            return Invalid("sizes");
        }

        var banner = FakeFormat.Bool(body, "includeAdBanners") == true;
        var includeCopy = FakeFormat.Bool(body, "includeCopy") != false;
        var cost = (PerImage * (banner ? 2 : 1)) + (includeCopy ? CopyGeneration : 0);
        if (!ledger.TryDebit(cost, cost, $"Generate promotional assets for {app.Name}", null))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", "Insufficient credits");
                w.WriteNumber("required", cost);
            }), HttpStatusCode.PaymentRequired);
        }

        var now = FakeFormat.Iso(clock.GetUtcNow());
        var assets = new List<JsonObject> { Asset(app, "social_card", "twitter_card", now) };
        if (banner)
        {
            assets.Add(Asset(app, "banner", "google_display_leaderboard", now));
        }

        app.PromotionalAssets.Clear();
        foreach (var asset in assets)
        {
            app.PromotionalAssets.Add(new JsonObject { ["type"] = (string?)asset["type"], ["url"] = (string?)asset["url"], ["size"] = asset["size"]!.DeepClone(), ["generatedAt"] = now });
        }

        return Json(w =>
        {
            w.WriteStartArray("assets");
            assets.ForEach(a => a.WriteTo(w));
            w.WriteEndArray();
            if (includeCopy)
            {
                w.WritePropertyName("copy");
                new JsonObject { ["headlines"] = new JsonArray($"Meet {app.Name}"), ["descriptions"] = new JsonArray(app.Description ?? $"Try {app.Name} today."), ["callToActions"] = new JsonArray("Try it free") }.WriteTo(w);
            }

            FakeFormat.WriteStrings(w, "errors", []);
            w.WriteNumber("creditsUsed", cost);
        });
    }

    private static JsonObject Asset(FakeApp app, string type, string size, string now) => new()
    {
        ["type"] = type,
        ["size"] = new JsonObject { ["width"] = Sizes[size].Width, ["height"] = Sizes[size].Height },
        ["url"] = $"https://assets.fake.invalid/apps/{app.Id}/{size}.png",
        ["format"] = "png",
        ["generatedAt"] = now,
    };

    /// <summary>
    /// Every draft is charged like an AI-written post; a platform the balance cannot cover is reported in
    /// <c>errors</c> and the call still succeeds.
    /// </summary>
    private FakeResponse Preview(FakeApp app, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // request.json() runs outside any try/catch.
            return AppRouteFailures.EmptyServerError();
        }

        var platforms = FakeFormat.Strings(body, "platforms");
        var countValue = FakeFormat.Number(body, "count");
        var agent = FakeFormat.Text(body, "agentCharacterId");
        if (platforms is not { Count: > 0 } || platforms.Any(p => p is not ("discord" or "telegram" or "twitter")) || countValue is { } c && (c is < 1 or > 4 || c != decimal.Truncate(c)) || (agent is not null && !Guid.TryParseExact(agent, "D", out _)))
        {
            return Invalid("platforms");
        }

        var count = (int)(countValue ?? 3);
        var now = FakeFormat.Iso(clock.GetUtcNow());
        var errors = new List<string>();
        var drafts = new List<(string Platform, string Type)>();
        foreach (var platform in platforms.Distinct())
        {
            var types = platform == "telegram" ? (string[])["announcement", "update", "feature", "community"] : ["promotional", "engagement", "educational", "announcement"];
            var price = platform == "twitter" ? 0.006m : 0.0006m;
            for (var i = 0; i < count; i++)
            {
                if (!ledger.TryDebit(price, price, $"{platform} preview for {app.Name}", null))
                {
                    errors.Add($"{char.ToUpperInvariant(platform[0])}{platform[1..]}: Insufficient credits for AI generation. Required: ${price.ToString("0.0000", CultureInfo.InvariantCulture)}");
                    break;
                }

                drafts.Add((platform, types[i]));
            }
        }

        return Json(w =>
        {
            w.WriteStartObject("app");
            w.WriteString("id", app.Id);
            w.WriteString("name", app.Name);
            FakeFormat.WriteNullable(w, "description", app.Description);
            w.WriteString("url", app.WebsiteUrl ?? app.AppUrl);
            FakeFormat.WriteNullable(w, "logoUrl", app.LogoUrl);
            w.WriteEndObject();
            w.WriteStartArray("previews");
            foreach (var (platform, type) in drafts)
            {
                w.WriteStartObject();
                w.WriteString("platform", platform);
                w.WriteString("content", $"[fake {platform} {type}] {app.Name} is live: {app.AppUrl}");
                w.WriteString("type", type);
                w.WriteString("timestamp", now);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (errors.Count > 0)
            {
                FakeFormat.WriteStrings(w, "errors", errors);
            }
        });
    }

    private static string ConfigName(string channel) => channel switch
    {
        "twitter_automation" => "twitterAutomation",
        "telegram_automation" => "telegramAutomation",
        "discord_automation" => "discordAutomation",
        _ => channel,
    };

    private static string MissingConfigLabel(string channel) => channel switch
    {
        "social" => "Social",
        "advertising" => "Advertising",
        "twitter_automation" => "Twitter automation",
        "telegram_automation" => "Telegram automation",
        _ => "Discord automation",
    };

    /// <summary>The promotion routes' schema failure: <c>{error:"Invalid request", details}</c> (a flattened tree).</summary>
    private static FakeResponse Invalid(string field) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Invalid request");
        w.WriteStartObject("details");
        w.WriteStartArray("formErrors");
        w.WriteEndArray();
        w.WriteStartObject("fieldErrors");
        w.WriteStartArray(field);
        w.WriteStringValue("Invalid input");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }), HttpStatusCode.BadRequest);

    private static FakeResponse Json(Action<Utf8JsonWriter> members) => FakeResponse.Json(JsonText.Object(members));
}
