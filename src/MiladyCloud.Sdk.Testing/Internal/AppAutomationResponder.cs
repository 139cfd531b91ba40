using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's Discord, Telegram and Twitter/X automation. The fake's organization has all three accounts connected
/// (a Discord server, a Telegram bot, an X account), so enabling works; posts get fresh ids and are counted, and a
/// tweet costs $0.01 of credits.
/// </summary>
internal sealed class AppAutomationResponder(FakeLedger ledger, TimeProvider clock)
{
    private const string GuildId = "1100000000000000001";
    private const string ChannelId = "1100000000000000002";
    private const string BotUsername = "fake_milady_bot";
    private const decimal TweetCost = 0.01m;

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
        ("POST", "twitter-automation") => AppAutomationLimits.Twitter(call.Body) is { } problem ? Invalid(problem) : Merge(app.Twitter, call.Body, () => TwitterApp(app)),
        ("DELETE", "twitter-automation") => DisableTwitter(app),
        ("POST", "twitter-automation/post") => PostTweet(app, call.Body),
        _ => null,
    };

    private static FakeResponse EnableDiscord(FakeApp app, JsonElement body)
    {
        if (AppAutomationLimits.Discord(body) is { } problem)
        {
            return Invalid(problem);
        }

        return Merge(app.Discord, body, () =>
        {
            // The connected server and its first text channel, when the request names none.
            app.Discord["guildId"] ??= GuildId;
            app.Discord["channelId"] ??= ChannelId;
            return Settings("discord_automation", app.Discord);
        });
    }

    private static FakeResponse EnableTelegram(FakeApp app, JsonElement body)
    {
        if (AppAutomationLimits.Telegram(body) is { } problem)
        {
            return Invalid(problem);
        }

        return Merge(app.Telegram, body, () =>
        {
            app.Telegram["botUsername"] = BotUsername;
            return Settings("telegram_automation", app.Telegram);
        });
    }

    private static FakeResponse Merge(JsonObject settings, JsonElement body, Func<FakeResponse> answer)
    {
        Apply(settings, body);
        return answer();
    }

    /// <summary>Stores the request's members over the current settings (enabled unless the request says otherwise).</summary>
    public static void Apply(JsonObject settings, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in body.EnumerateObject().Where(m => m.Name != "useExisting"))
            {
                settings[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        settings["enabled"] = FakeFormat.Bool(body, "enabled") ?? true;
    }

    private static FakeResponse Invalid(string problem) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Invalid request");
        w.WriteString("details", problem);
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
        if (FakeFormat.Text(body, "text") is { Length: > 2000 })
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Text must be at most 2000 characters");
        }

        if ((string?)app.Discord["channelId"] is not { } channel)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "No Discord channel configured");
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
        if (FakeFormat.Text(body, "text") is { Length: > 4000 })
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Text must be at most 4000 characters");
        }

        if (target is null)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "No Telegram channel or group configured");
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
        var type = FakeFormat.Text(body, "type");
        if (FakeFormat.Text(body, "text") is { Length: > 280 } || type is not (null or "promotional" or "engagement" or "educational" or "announcement"))
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid request");
        }

        if (!ledger.TryDebit(TweetCost, TweetCost, $"Tweet for {app.Name}", null))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", "Insufficient credits");
                w.WriteNumber("required", TweetCost);
            }), HttpStatusCode.PaymentRequired);
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
        FakeFormat.WriteNullable(w, "lastPost", (string?)s["lastPostAt"]);
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
