using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppAutomationClientTests
{
    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task GetDiscordAsync_maps_the_state()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/discord-automation", """
            {"enabled":true,"discordConnected":true,"guildId":"g","guildName":"Guild","channelId":"c","channelName":"general","autoAnnounce":true,
             "announceIntervalMin":120,"announceIntervalMax":240,"lastAnnouncementAt":"2026-04-27T10:00:00Z","totalMessages":4,"agentCharacterId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c"}
            """);

        var state = await _api.Client.Apps.Automation.GetDiscordAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/discord-automation");
        Assert.Multiple(() =>
        {
            Assert.That(state.Enabled, Is.True);
            Assert.That(state.DiscordConnected, Is.True);
            Assert.That(state.GuildName, Is.EqualTo("Guild"));
            Assert.That(state.ChannelName, Is.EqualTo("general"));
            Assert.That(state.AnnounceIntervalMin, Is.EqualTo(120));
            Assert.That(state.LastAnnouncementAt, Is.EqualTo("2026-04-27T10:00:00Z"));
            Assert.That(state.TotalMessages, Is.EqualTo(4));
            Assert.That(state.AgentCharacterId, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c"));
        });
    }

    [Test]
    public async Task EnableDiscordAsync_posts_the_settings_and_maps_the_stored_ones()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/discord-automation", """{"success":true,"discord_automation":{"enabled":true,"guildId":"g","channelId":"c","autoAnnounce":true,"announceIntervalMin":60,"announceIntervalMax":90,"vibeStyle":"playful"}}""");

        var result = await _api.Client.Apps.Automation.EnableDiscordAsync("a-1", new AppDiscordAutomationRequest
        {
            Enabled = true, GuildId = "g", ChannelId = "c", AutoAnnounce = true, AnnounceIntervalMin = 60, AnnounceIntervalMax = 90, VibeStyle = "playful", AgentCharacterId = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c",
        });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/discord-automation", """
            {"enabled":true,"guildId":"g","channelId":"c","autoAnnounce":true,"announceIntervalMin":60,"announceIntervalMax":90,"vibeStyle":"playful","agentCharacterId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c"}
            """);
        Assert.That(result.VibeStyle, Is.EqualTo("playful"));
        Assert.That(result.AnnounceIntervalMax, Is.EqualTo(90));
    }

    [TestCase(20, null)]
    [TestCase(null, 2000)]
    [TestCase(300, 200)]
    public void EnableDiscordAsync_rejects_bad_intervals_before_sending(int? min, int? max)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableDiscordAsync("a-1", new AppDiscordAutomationRequest { AnnounceIntervalMin = min, AnnounceIntervalMax = max }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task DisableDiscordAsync_sends_DELETE()
    {
        _api.Respond("DELETE", "/api/v1/apps/a-1/discord-automation", """{"success":true}""");

        await _api.Client.Apps.Automation.DisableDiscordAsync("a-1");

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1/discord-automation");
    }

    [Test]
    public async Task PostDiscordAnnouncementAsync_posts_the_text()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/discord-automation/post", """{"success":true,"messageId":"m-1","channelId":"c"}""");

        var result = await _api.Client.Apps.Automation.PostDiscordAnnouncementAsync("a-1", "We shipped!");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/discord-automation/post", """{"text":"We shipped!"}""");
        Assert.That((result.MessageId, result.ChannelId), Is.EqualTo(("m-1", "c")));
    }

    [Test]
    public void PostDiscordAnnouncementAsync_rejects_long_text_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.PostDiscordAnnouncementAsync("a-1", new string('x', 2001)));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task GetTelegramAsync_maps_the_state()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/telegram-automation", """
            {"enabled":true,"botConnected":true,"botUsername":"my_bot","channelId":"-100","groupId":"-200","autoReply":true,"autoAnnounce":false,
             "announceIntervalMin":60,"announceIntervalMax":120,"lastAnnouncementAt":null,"totalMessages":0,"agentCharacterId":null}
            """);

        var state = await _api.Client.Apps.Automation.GetTelegramAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/telegram-automation");
        Assert.Multiple(() =>
        {
            Assert.That(state.BotConnected, Is.True);
            Assert.That(state.BotUsername, Is.EqualTo("my_bot"));
            Assert.That(state.GroupId, Is.EqualTo("-200"));
            Assert.That(state.AutoReply, Is.True);
            Assert.That(state.AutoAnnounce, Is.False);
            Assert.That(state.AnnounceIntervalMax, Is.EqualTo(120));
            Assert.That(state.TotalMessages, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task EnableTelegramAsync_posts_the_settings()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/telegram-automation", """{"success":true,"telegram_automation":{"enabled":true,"botUsername":"my_bot","welcomeMessage":"Welcome!"}}""");

        var result = await _api.Client.Apps.Automation.EnableTelegramAsync("a-1", new AppTelegramAutomationRequest { Enabled = true, GroupId = "-200", AutoReply = true, WelcomeMessage = "Welcome!" });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/telegram-automation", """{"enabled":true,"groupId":"-200","autoReply":true,"welcomeMessage":"Welcome!"}""");
        Assert.That(result.BotUsername, Is.EqualTo("my_bot"));
    }

    [Test]
    public void EnableTelegramAsync_rejects_a_long_welcome_message_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTelegramAsync("a-1", new AppTelegramAutomationRequest { WelcomeMessage = new string('x', 501) }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task DisableTelegramAsync_sends_DELETE()
    {
        _api.Respond("DELETE", "/api/v1/apps/a-1/telegram-automation", """{"success":true}""");

        await _api.Client.Apps.Automation.DisableTelegramAsync("a-1");

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1/telegram-automation");
    }

    [Test]
    public async Task PostTelegramAnnouncementAsync_posts_text_and_target_and_maps_the_ids()
    {
        // messageId is Telegram's integer id; chatId is the target string the server used.
        _api.Respond("POST", "/api/v1/apps/a-1/telegram-automation/post", """{"success":true,"messageId":123,"chatId":"-100"}""");

        var result = await _api.Client.Apps.Automation.PostTelegramAnnouncementAsync("a-1", new AppTelegramPostRequest { Text = "Hello", ChannelId = "-100" });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/telegram-automation/post", """{"text":"Hello","channelId":"-100"}""");
        Assert.That(result.MessageId, Is.EqualTo(123));
        Assert.That(result.ChatId, Is.EqualTo("-100"));
    }

    [Test]
    public async Task GetTwitterAsync_maps_the_state_and_config()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/twitter-automation", """
            {"enabled":true,"config":{"enabled":true,"autoPost":true,"autoReply":true,"autoEngage":false,"discovery":false,"postIntervalMin":90,"postIntervalMax":150,
             "vibeStyle":"calm","topics":["ai","agents"],"lastPostAt":"2026-04-27T10:00:00Z","totalPosts":2,"agentCharacterId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c"},"twitterConnected":true,"lastPost":"2026-04-27T10:00:00Z","totalPosts":2}
            """);

        var state = await _api.Client.Apps.Automation.GetTwitterAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/twitter-automation");
        Assert.Multiple(() =>
        {
            Assert.That(state.Enabled, Is.True);
            Assert.That(state.TwitterConnected, Is.True);
            Assert.That(state.TotalPosts, Is.EqualTo(2));
            Assert.That(state.LastPost, Is.EqualTo("2026-04-27T10:00:00Z"));
            Assert.That(state.Config!.AutoReply, Is.True);
            Assert.That(state.Config.PostIntervalMax, Is.EqualTo(150));
            Assert.That(state.Config.Topics, Is.EqualTo(new[] { "ai", "agents" }));
            Assert.That(state.Config.AgentCharacterId, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0c"));
        });
    }

    [Test]
    public async Task EnableTwitterAsync_posts_the_settings_and_maps_the_app()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/twitter-automation", """{"success":true,"app":{"id":"a-1","name":"My App","twitterAutomation":{"enabled":true,"autoPost":true,"postIntervalMin":60,"postIntervalMax":120}}}""");

        var result = await _api.Client.Apps.Automation.EnableTwitterAsync("a-1", new AppTwitterAutomationRequest { Enabled = true, AutoPost = true, PostIntervalMin = 60, PostIntervalMax = 120, Topics = ["ai"] });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/twitter-automation", """{"enabled":true,"autoPost":true,"postIntervalMin":60,"postIntervalMax":120,"topics":["ai"]}""");
        Assert.That(result.Name, Is.EqualTo("My App"));
        Assert.That(result.TwitterAutomation!.PostIntervalMax, Is.EqualTo(120));
    }

    [Test]
    public void EnableTwitterAsync_rejects_too_many_topics_and_a_short_max_interval_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTwitterAsync("a-1", new AppTwitterAutomationRequest { Topics = Enumerable.Range(0, 11).Select(i => "t" + i).ToList() }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTwitterAsync("a-1", new AppTwitterAutomationRequest { PostIntervalMax = 45 }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task DisableTwitterAsync_sends_DELETE_and_maps_the_app()
    {
        _api.Respond("DELETE", "/api/v1/apps/a-1/twitter-automation", """{"success":true,"app":{"id":"a-1","name":"My App","twitterAutomation":{"enabled":false}}}""");

        var result = await _api.Client.Apps.Automation.DisableTwitterAsync("a-1");

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1/twitter-automation");
        Assert.That(result.TwitterAutomation!.Enabled, Is.False);
    }

    [Test]
    public async Task PostTweetAsync_posts_text_and_type()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/twitter-automation/post", """{"success":true,"tweetId":"t-1","tweetUrl":"https://x.com/i/status/t-1"}""");

        var tweet = await _api.Client.Apps.Automation.PostTweetAsync("a-1", "Now live", "announcement");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/twitter-automation/post", """{"text":"Now live","type":"announcement"}""");
        Assert.That((tweet.TweetId, tweet.TweetUrl), Is.EqualTo(("t-1", "https://x.com/i/status/t-1")));
    }

    [Test]
    public void PostTweetAsync_rejects_long_text_and_unknown_type_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.PostTweetAsync("a-1", new string('x', 281)));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.PostTweetAsync("a-1", "ok", "spam"));
        _api.AssertNothingSent();
    }

    [Test]
    public void PostTweetAsync_missing_credits_is_typed()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/twitter-automation/post", """{"error":"Insufficient credits","required":0.01}""", 402);

        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => _api.Client.Apps.Automation.PostTweetAsync("a-1"));
    }

    [Test]
    public void Automation_errors_in_the_plain_shape_carry_the_message()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/telegram-automation", """{"error":"Telegram bot not connected. Connect a bot first."}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _api.Client.Apps.Automation.EnableTelegramAsync("a-1", new AppTelegramAutomationRequest { Enabled = true }));
        Assert.That(ex!.Message, Does.Contain("Telegram bot not connected"));
    }
}
