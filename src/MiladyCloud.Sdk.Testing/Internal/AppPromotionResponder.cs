using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's promotion: suggestions and history, multi-channel promotion (social posts go to the connected Twitter/X,
/// Discord and Telegram accounts, other platforms fail, which makes the answer a 207; an ad campaign is created;
/// automation channels switch the app's automation on), campaign analytics, generated assets and post previews.
/// Paid actions are charged to the balance.
/// </summary>
internal sealed class AppPromotionResponder(FakeLedger ledger, TimeProvider clock)
{
    private const decimal PerImage = 0.05m;
    private const decimal CopyGeneration = 0.01m;
    private const decimal PerSocialPost = 0.01m;
    private const decimal SeoCost = 0.02m;
    private static readonly string[] ConnectedPlatforms = ["twitter", "discord", "telegram"];
    private static readonly string[] DefaultSizes = ["facebook_feed", "instagram_square", "twitter_card", "linkedin_post"];
    private static readonly string[] PostTypes = ["announcement", "engagement", "educational", "promotional"];

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
        ("GET", "promote/analytics") => Analytics(app, FakeQuery.Int(call.Query, "days") ?? 30),
        ("GET", "promote/assets") => AssetOptions(call.QueryValue("platform")),
        ("POST", "promote/assets") => GenerateAssets(app, call.Body),
        ("POST", "promote/preview") => Preview(app, call.Body),
        _ => null,
    };

    private static FakeResponse Suggestions(FakeApp app) => Json(w =>
    {
        var twitterOn = (bool?)app.Twitter["enabled"] ?? false;
        FakeFormat.WriteStrings(w, "recommendedChannels", twitterOn ? ["social", "seo"] : ["social", "seo", "twitter_automation"]);
        w.WriteStartObject("estimatedBudget");
        w.WriteNumber("min", 50);
        w.WriteNumber("max", 500);
        w.WriteEndObject();
        FakeFormat.WriteStrings(w, "suggestedPlatforms", ConnectedPlatforms);
        FakeFormat.WriteStrings(w, "tips", ["Post at a regular rhythm", "Show what the app does in the first line", "Link straight to " + app.AppUrl]);
        w.WriteStartObject("twitterAutomationStatus");
        w.WriteBoolean("connected", true);
        w.WriteBoolean("enabled", twitterOn);
        w.WriteEndObject();
    });

    private static FakeResponse History(FakeApp app) => Json(w =>
    {
        w.WriteNumber("totalCampaigns", app.Campaigns.Count);
        w.WriteStartArray("recentActivity");
        foreach (var (type, date, description) in app.PromotionActivity.AsEnumerable().Reverse().Take(10))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("date", FakeFormat.Iso(date));
            w.WriteString("description", description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private FakeResponse Promote(FakeApp app, JsonElement body)
    {
        var channels = FakeFormat.Strings(body, "channels");
        var missing = channels?.FirstOrDefault(c => FakeFormat.Member(body, ConfigName(c)).ValueKind != JsonValueKind.Object);
        if (channels is not { Count: > 0 } || missing is not null)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, missing is null ? "Invalid request" : $"Missing configuration for channel: {missing}");
        }

        // Charged before anything happens, so a refusal changes nothing.
        var credits = channels.Distinct().Sum(c => c switch
        {
            "social" => PerSocialPost * (FakeFormat.Strings(FakeFormat.Member(body, "social"), "platforms") ?? []).Distinct().Count(ConnectedPlatforms.Contains),
            "seo" => SeoCost,
            _ => 0m,
        });
        if (credits > 0 && !ledger.TryDebit(credits, credits, $"Promotion of {app.Name}", null))
        {
            return InsufficientCredits(credits);
        }

        var errors = new List<string>();
        var results = new JsonObject();
        foreach (var channel in channels.Distinct())
        {
            var config = FakeFormat.Member(body, ConfigName(channel));
            results[ConfigName(channel)] = channel switch
            {
                "social" => Social(app, config, errors),
                "seo" => new JsonObject { ["success"] = true, ["metaTitle"] = app.Name, ["metaDescription"] = app.Description ?? app.Name, ["submittedToIndexNow"] = FakeFormat.Bool(config, "submitToIndexNow") ?? false },
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

    private JsonObject Social(FakeApp app, JsonElement config, List<string> errors)
    {
        var posts = new JsonArray();
        foreach (var platform in (FakeFormat.Strings(config, "platforms") ?? []).Distinct())
        {
            if (!ConnectedPlatforms.Contains(platform))
            {
                errors.Add($"social: {platform} is not connected");
                continue;
            }

            var id = FakeFormat.Digits(19);
            posts.Add(new JsonObject { ["platform"] = platform, ["postId"] = id, ["postUrl"] = $"https://{platform}.fake.invalid/posts/{id}" });
        }

        app.PromotionActivity.Add(("social", clock.GetUtcNow(), $"Posted to {posts.Count} platform(s)"));
        return new JsonObject { ["success"] = posts.Count > 0, ["posts"] = posts };
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
            ["budget"] = FakeFormat.Number(config, "budget") ?? 0,
            ["budgetType"] = FakeFormat.Text(config, "budgetType") ?? "daily",
        };
        app.Campaigns.Add(campaign);
        app.PromotionActivity.Add(("advertising", clock.GetUtcNow(), $"Started {platform} campaign {(string?)campaign["name"]}"));
        return new JsonObject { ["success"] = true, ["campaignId"] = (string?)campaign["id"], ["platform"] = platform, ["status"] = "active" };
    }

    private static JsonObject Automate(FakeApp app, string channel, JsonElement config)
    {
        var settings = channel switch
        {
            "twitter_automation" => app.Twitter,
            "telegram_automation" => app.Telegram,
            _ => app.Discord,
        };
        AppAutomationResponder.Apply(settings, config);
        return new JsonObject { ["success"] = true, ["enabled"] = (bool?)settings["enabled"] };
    }

    private FakeResponse Analytics(FakeApp app, int days)
    {
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
        var recommended = platform switch
        {
            "meta" => Sizes.Keys.Where(k => k.StartsWith("facebook", StringComparison.Ordinal) || k.StartsWith("instagram", StringComparison.Ordinal)),
            "google" => Sizes.Keys.Where(k => k.StartsWith("google", StringComparison.Ordinal)),
            "twitter" => ["twitter_card"],
            "linkedin" => ["linkedin_post"],
            _ => DefaultSizes,
        };
        var bundle = (PerImage * DefaultSizes.Length) + CopyGeneration;
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
            w.WriteStartObject("display");
            w.WriteString("perImage", "$" + FakeFormat.Money(PerImage));
            w.WriteString("copyGeneration", "$" + FakeFormat.Money(CopyGeneration));
            w.WriteString("fullBundle", "$" + FakeFormat.Money(bundle));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private FakeResponse GenerateAssets(FakeApp app, JsonElement body)
    {
        var requested = FakeFormat.Strings(body, "sizes") ?? [.. DefaultSizes];
        if (FakeFormat.Bool(body, "includeAdBanners") == true)
        {
            requested.AddRange(Sizes.Keys.Where(k => k.StartsWith("google", StringComparison.Ordinal)).Except(requested));
        }

        var includeCopy = FakeFormat.Bool(body, "includeCopy") ?? true;
        var sizes = requested.Where(Sizes.ContainsKey).Distinct().ToList();
        var cost = (PerImage * sizes.Count) + (includeCopy ? CopyGeneration : 0);
        if (!ledger.TryDebit(cost, cost, $"Promotional assets for {app.Name}", null))
        {
            return InsufficientCredits(cost);
        }

        var now = FakeFormat.Iso(clock.GetUtcNow());
        var assets = sizes.Select(name => new JsonObject
        {
            ["type"] = name.StartsWith("google", StringComparison.Ordinal) ? "banner" : "social_card",
            ["size"] = new JsonObject { ["width"] = Sizes[name].Width, ["height"] = Sizes[name].Height },
            ["url"] = $"https://assets.fake.invalid/apps/{app.Id}/{name}.png",
            ["format"] = "png",
            ["generatedAt"] = now,
        }).ToList();
        foreach (var asset in assets)
        {
            app.PromotionalAssets.Add(new JsonObject { ["type"] = (string?)asset["type"], ["url"] = (string?)asset["url"], ["size"] = asset["size"]!.DeepClone(), ["generatedAt"] = now });
        }

        return Json(w =>
        {
            w.WriteStartArray("assets");
            assets.ForEach(a => a.WriteTo(w));
            w.WriteEndArray();
            w.WritePropertyName("copy");
            if (includeCopy)
            {
                new JsonObject { ["headline"] = $"Meet {app.Name}", ["description"] = app.Description ?? $"Try {app.Name} today.", ["callToAction"] = "Try it free" }.WriteTo(w);
            }
            else
            {
                w.WriteNullValue();
            }

            FakeFormat.WriteStrings(w, "errors", requested.Where(s => !Sizes.ContainsKey(s)).Select(s => $"Unknown size: {s}"));
            w.WriteNumber("creditsUsed", cost);
        });
    }

    private FakeResponse Preview(FakeApp app, JsonElement body)
    {
        var platforms = FakeFormat.Strings(body, "platforms");
        var count = (int?)FakeFormat.Number(body, "count") ?? 3;
        if (platforms is not { Count: > 0 } || platforms.Any(p => p is not ("discord" or "telegram" or "twitter")) || count is < 1 or > 4)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid request");
        }

        var now = FakeFormat.Iso(clock.GetUtcNow());
        return Json(w =>
        {
            w.WriteStartObject("app");
            w.WriteString("id", app.Id);
            w.WriteString("name", app.Name);
            FakeFormat.WriteNullable(w, "description", app.Description);
            w.WriteString("url", app.AppUrl);
            FakeFormat.WriteNullable(w, "logoUrl", app.LogoUrl);
            w.WriteEndObject();
            w.WriteStartArray("previews");
            foreach (var platform in platforms)
            {
                for (var i = 0; i < count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("platform", platform);
                    w.WriteString("content", $"[fake {platform} draft {i + 1}] {app.Name} is live: {app.AppUrl}");
                    w.WriteString("type", PostTypes[i % PostTypes.Length]);
                    w.WriteString("timestamp", now);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
        });
    }

    private static string ConfigName(string channel) => channel switch
    {
        "twitter_automation" => "twitterAutomation",
        "telegram_automation" => "telegramAutomation",
        "discord_automation" => "discordAutomation",
        _ => channel,
    };

    private static FakeResponse InsufficientCredits(decimal required) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Insufficient credits");
        w.WriteNumber("required", required);
    }), HttpStatusCode.PaymentRequired);

    private static FakeResponse Json(Action<Utf8JsonWriter> members) => FakeResponse.Json(JsonText.Object(members));
}
