using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's Discord, Telegram and Twitter/X automation. The fake's organization has all three accounts connected
/// (a Discord server, a Telegram bot, an X account), so enabling works; posts get fresh ids and are counted. A post
/// written by AI (no text given) is charged like the server's ($0.0006 on Discord and Telegram, $0.006 on Twitter/X).
/// </summary>
internal sealed class AppAutomationResponder(FakeLedger ledger, TimeProvider clock)
{
    private const string GuildId = "1100000000000000001";
    private const string ChannelId = "1100000000000000002";
    private const string BotUsername = "fake_milady_bot";
    private const decimal TweetCost = 0.006m;
    private const decimal AnnouncementCost = 0.0006m;
    private static readonly string[] DiscordKeys = ["enabled", "guildId", "channelId", "autoAnnounce", "announceIntervalMin", "announceIntervalMax", "vibeStyle", "agentCharacterId"];
    private static readonly string[] TelegramKeys = ["enabled", "channelId", "groupId", "autoReply", "autoAnnounce", "announceIntervalMin", "announceIntervalMax", "welcomeMessage", "vibeStyle", "agentCharacterId"];
    private static readonly string[] TwitterKeys = ["autoPost", "autoReply", "autoEngage", "discovery", "postIntervalMin", "postIntervalMax", "vibeStyle", "topics"];

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "discord-automation") => Json(w => WriteDiscordStatus(w, app.Discord)),
        ("POST", "discord-automation") => EnableDiscord(app, call.Body),
        ("DELETE", "discord-automation") => Disable(app.Discord),
        ("POST", "discord-automation/post") => PostDiscord(app, call.Body),
        ("GET", "telegram-automation") => Json(w => WriteTelegramStatus(w, app.Telegram)),
        ("POST", "telegram-automation") => EnableTelegram(app, call.Body),
        ("DELETE", "telegram-automation") => Disable(app.Telegram),
        ("POST", "telegram-automation/post") => PostTelegram(app, call.Body),
        ("GET", "twitter-automation") => Json(w => WriteTwitterStatus(w, app.Twitter)),
        ("POST", "twitter-automation") => EnableTwitter(app, call.Body),
        ("DELETE", "twitter-automation") => DisableTwitter(app),
        ("POST", "twitter-automation/post") => PostTweet(app, call.Body),
        _ => null,
    };

    private static FakeResponse EnableDiscord(FakeApp app, JsonElement body)
    {
        if ((body.ValueKind == JsonValueKind.Undefined ? InvalidBody() : AppAutomationLimits.Discord(body)) is { } problem)
        {
            return problem;
        }

        return Merge(app.Discord, body, DiscordKeys, () =>
        {
            // The connected server and its first text channel, when the request names none.
            app.Discord["guildId"] ??= GuildId;
            app.Discord["channelId"] ??= ChannelId;
            return Settings("discord_automation", app.Discord);
        });
    }

    private static FakeResponse EnableTelegram(FakeApp app, JsonElement body)
    {
        if ((body.ValueKind == JsonValueKind.Undefined ? InvalidBody() : AppAutomationLimits.Telegram(body)) is { } problem)
        {
            return problem;
        }

        return Merge(app.Telegram, body, TelegramKeys, () =>
        {
            app.Telegram["botUsername"] = BotUsername;
            return Settings("telegram_automation", app.Telegram);
        });
    }

    /// <summary>The Twitter/X route has no error handling: a body that is not JSON escapes as an empty 500.</summary>
    private static FakeResponse EnableTwitter(FakeApp app, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return AppRouteFailures.EmptyServerError();
        }

        if (AppAutomationLimits.Twitter(body) is { } problem)
        {
            return problem;
        }

        // Enabling always turns it on: the route ignores "enabled".
        Apply(app.Twitter, body, TwitterKeys, enabled: true);
        return TwitterApp(app);
    }

    private static FakeResponse Merge(JsonObject settings, JsonElement body, string[] keys, Func<FakeResponse> answer)
    {
        Apply(settings, body, keys);
        return answer();
    }

    /// <summary>
    /// Stores the request's known members over the current settings (the server's schemas drop the others), enabled
    /// unless the request says otherwise or <paramref name="enabled"/> decides.
    /// </summary>
    public static void Apply(JsonObject settings, JsonElement body, IReadOnlyCollection<string> keys, bool? enabled = null)
    {
        if (body.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in body.EnumerateObject().Where(m => keys.Contains(m.Name) && m.Value.ValueKind != JsonValueKind.Null))
            {
                settings[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        settings["enabled"] = enabled ?? FakeFormat.Bool(body, "enabled") ?? true;
    }

    /// <summary>The keys each automation channel keeps, for the promotion route's automation channels.</summary>
    public static IReadOnlyCollection<string> KeysOf(string channel) => channel switch
    {
        "twitter_automation" => [.. TwitterKeys, "agentCharacterId"],
        "telegram_automation" => TelegramKeys,
        _ => DiscordKeys,
    };

    private static FakeResponse InvalidBody() => FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid request body");

    private static FakeResponse ValidationFailed(string field, string message) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Validation failed");
        w.WriteStartObject("details");
        w.WriteStartArray("formErrors");
        w.WriteEndArray();
        w.WriteStartObject("fieldErrors");
        w.WriteStartArray(field);
        w.WriteStringValue(message);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }), HttpStatusCode.BadRequest);

    private static FakeResponse Settings(string name, JsonObject settings) => Json(w =>
    {
        w.WriteBoolean("success", true);
        w.WritePropertyName(name);
        settings.WriteTo(w);
    });

    private static FakeResponse Disable(JsonObject settings)
    {
        settings["enabled"] = false;
        return FakeResponse.Json("""{"success":true}""");
    }

    private static FakeResponse DisableTwitter(FakeApp app)
    {
        app.Twitter["enabled"] = false;
        return TwitterApp(app);
    }

    private static FakeResponse TwitterApp(FakeApp app) => Json(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("app");
        w.WriteString("id", app.Id);
        w.WriteString("name", app.Name);
        w.WritePropertyName("twitterAutomation");
        app.Twitter.WriteTo(w);
        w.WriteEndObject();
    });

    private FakeResponse PostDiscord(FakeApp app, JsonElement body)
    {
        var text = FakeFormat.Text(body, "text");
        if (text is { Length: > 2000 })
        {
            return ValidationFailed("text", "Too big: expected string to have <=2000 characters");
        }

        if ((bool?)app.Discord["enabled"] != true)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Automation not enabled for this app");
        }

        if ((string?)app.Discord["channelId"] is not { } channel)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "No channel configured");
        }

        // An AI-written announcement is charged; the route reports missing credits as a 500.
        if (text is null && !ledger.TryDebit(AnnouncementCost, AnnouncementCost, $"Discord AI announcement: {app.Name}", null))
        {
            return FakeFormat.PlainError(HttpStatusCode.InternalServerError, "Failed to post announcement");
        }

        Count(app.Discord, "totalMessages", "lastAnnouncementAt");
        return Json(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("messageId", FakeFormat.Digits(19));
            w.WriteString("channelId", channel);
        });
    }

    private FakeResponse PostTelegram(FakeApp app, JsonElement body)
    {
        var target = FakeFormat.Text(body, "channelId") ?? FakeFormat.Text(body, "groupId") ?? (string?)app.Telegram["channelId"] ?? (string?)app.Telegram["groupId"];
        var text = FakeFormat.Text(body, "text");
        if (text is { Length: > 4000 })
        {
            return ValidationFailed("text", "Too big: expected string to have <=4000 characters");
        }

        if ((bool?)app.Telegram["enabled"] != true)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Automation not enabled for this app");
        }

        if (target is null)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "No channel or group configured");
        }

        // An AI-written announcement is charged; the route reports missing credits as a 500.
        if (text is null && !ledger.TryDebit(AnnouncementCost, AnnouncementCost, $"Telegram AI announcement: {app.Name}", null))
        {
            return FakeFormat.PlainError(HttpStatusCode.InternalServerError, "Failed to post");
        }

        var messageId = (app.Telegram["totalMessages"]?.GetValue<int>() ?? 0) + 101;
        Count(app.Telegram, "totalMessages", "lastAnnouncementAt");
        return Json(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteNumber("messageId", messageId);
            w.WriteString("chatId", target);
        });
    }

    private FakeResponse PostTweet(FakeApp app, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // request.json() runs outside the route's try/catch.
            return AppRouteFailures.EmptyServerError();
        }

        var type = FakeFormat.Text(body, "type");
        var text = FakeFormat.Text(body, "text");
        if (text is { Length: > 280 } || type is not (null or "promotional" or "engagement" or "educational" or "announcement"))
        {
            return FakeResponse.Json("""{"error":"Invalid request","details":{"formErrors":[],"fieldErrors":{}}}""", HttpStatusCode.BadRequest);
        }

        // Only an AI-written tweet is charged.
        if (text is null && !ledger.TryDebit(TweetCost, TweetCost, $"Tweet for {app.Name}", null))
        {
            return FakeFormat.PlainError(HttpStatusCode.PaymentRequired, $"Insufficient credits for AI generation. Required: ${TweetCost.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var id = FakeFormat.Digits(19);
        Count(app.Twitter, "totalPosts", "lastPostAt");
        return Json(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("tweetId", id);
            w.WriteString("tweetUrl", "https://x.fake.invalid/fake_milady/status/" + id);
        });
    }

    private void Count(JsonObject settings, string counter, string lastAt)
    {
        settings[counter] = (settings[counter]?.GetValue<int>() ?? 0) + 1;
        settings[lastAt] = FakeFormat.Iso(clock.GetUtcNow());
    }

    private static void WriteDiscordStatus(Utf8JsonWriter w, JsonObject s)
    {
        w.WriteBoolean("enabled", (bool?)s["enabled"] ?? false);
        w.WriteBoolean("discordConnected", true);
        w.WriteString("guildId", (string?)s["guildId"] ?? GuildId);
        w.WriteString("guildName", "Fake Guild");
        FakeFormat.WriteNullable(w, "channelId", (string?)s["channelId"]);
        FakeFormat.WriteNullable(w, "channelName", s["channelId"] is null ? null : "announcements");
        w.WriteBoolean("autoAnnounce", (bool?)s["autoAnnounce"] ?? false);
        Copy(w, s, "announceIntervalMin", "announceIntervalMax", "lastAnnouncementAt");
        w.WriteNumber("totalMessages", (int?)s["totalMessages"] ?? 0);
        Copy(w, s, "agentCharacterId");
    }

    private static void WriteTelegramStatus(Utf8JsonWriter w, JsonObject s)
    {
        w.WriteBoolean("enabled", (bool?)s["enabled"] ?? false);
        w.WriteBoolean("botConnected", true);
        w.WriteString("botUsername", BotUsername);
        Copy(w, s, "channelId", "groupId");
        w.WriteBoolean("autoReply", (bool?)s["autoReply"] ?? false);
        w.WriteBoolean("autoAnnounce", (bool?)s["autoAnnounce"] ?? false);
        Copy(w, s, "announceIntervalMin", "announceIntervalMax", "lastAnnouncementAt");
        w.WriteNumber("totalMessages", (int?)s["totalMessages"] ?? 0);
        Copy(w, s, "agentCharacterId");
    }

    private static void WriteTwitterStatus(Utf8JsonWriter w, JsonObject s)
    {
        w.WriteBoolean("enabled", (bool?)s["enabled"] ?? false);
        w.WritePropertyName("config");
        s.WriteTo(w);
        w.WriteBoolean("twitterConnected", true);
        if ((string?)s["lastPostAt"] is { } lastPost)
        {
            w.WriteString("lastPost", lastPost);
        }

        w.WriteNumber("totalPosts", (int?)s["totalPosts"] ?? 0);
    }

    /// <summary>Writes the stored values that are set; unset optional members are left out, as the server does.</summary>
    private static void Copy(Utf8JsonWriter w, JsonObject s, params string[] names)
    {
        foreach (var name in names)
        {
            if (s[name] is { } value)
            {
                w.WritePropertyName(name);
                value.WriteTo(w);
            }
        }
    }

    private static FakeResponse Json(Action<Utf8JsonWriter> members) => FakeResponse.Json(JsonText.Object(members));
}
