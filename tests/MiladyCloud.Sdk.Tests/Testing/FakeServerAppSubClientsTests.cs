using System.Net;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's app sub-routes through the SDK's sub-clients: domains, earnings, automation and promotion.</summary>
public class FakeServerAppSubClientsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;
    private string _appId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
        _appId = (await _client.Apps.CreateAsync(new CreateAppRequest { Name = "Shop", AppUrl = "https://shop.example" })).App.Id;
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_custom_domain_is_added_pending_verified_synced_and_removed()
    {
        var domains = _client.Apps.Domains;
        var initial = await domains.ListAsync(_appId);
        var added = await domains.AddAsync(_appId, "app.shop.example");
        var pending = await domains.GetStatusAsync(_appId, "app.shop.example");
        var verified = await domains.VerifyAsync(_appId, "app.shop.example");
        var synced = await domains.SyncAsync(_appId);
        var apex = await domains.AddAsync(_appId, "shop.example");
        var notOurs = await domains.GetStatusAsync(_appId, "other.example");
        var verifyNotOurs = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => domains.VerifyAsync(_appId, "other.example"));
        await domains.RemoveAsync(_appId, "shop.example");
        var after = await domains.ListAsync(_appId);
        var unknownApp = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => domains.ListAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That((initial.Domains.Single().Subdomain, initial.Domains.Single().SubdomainUrl, initial.Domains.Single().CustomDomain, initial.Domains.Single().IsPrimary), Is.EqualTo(("shop", "https://shop.apps.fake.invalid", (string?)null, true)));
            Assert.That(initial.Domains.Single().AdditionalProperties, Is.Empty, "camelCase records, as the server maps them");
            Assert.That(initial.SandboxUrl, Is.Null);
            Assert.That((added.Domain, added.Verified, added.IsApexDomain), Is.EqualTo(("app.shop.example", false, false)));
            Assert.That((added.DnsInstructions.Single().Type, added.DnsInstructions.Single().Name), Is.EqualTo((AppDnsRecordType.CNAME, "app")));
            Assert.That((added.VerificationRecords.Single().Type, added.VerificationRecords.Single().Name), Is.EqualTo((AppDnsRecordType.TXT, "_vercel.shop.example")));
            Assert.That((pending.Status, pending.Verified, pending.SslStatus, pending.ConfiguredBy, pending.Error), Is.EqualTo((AppDomainState.Pending, false, AppSslStatus.Pending, (AppDnsConfiguredBy?)null, (string?)null)));
            Assert.That((verified.Verified, verified.Status.Status, verified.Status.SslStatus, verified.Status.ConfiguredBy), Is.EqualTo((true, AppDomainState.Valid, AppSslStatus.Active, (AppDnsConfiguredBy?)AppDnsConfiguredBy.CNAME)));
            Assert.That(verified.Status.SslExpiresAt, Is.EqualTo("2027-02-26T12:00:00.000Z"));
            Assert.That((synced.Domains.Single().CustomDomain, synced.Domains.Single().CustomDomainVerified, synced.SyncedAt), Is.EqualTo(("app.shop.example", true, "2026-11-28T12:00:00.000Z")));
            Assert.That((apex.IsApexDomain, apex.DnsInstructions.Single().Type, apex.DnsInstructions.Single().Value), Is.EqualTo((true, AppDnsRecordType.A, "76.76.21.21")));
            Assert.That((notOurs.Status, notOurs.Error), Is.EqualTo((AppDomainState.Unknown, "Domain not found in project")), "the provider does not know it: still 200");
            Assert.That(verifyNotOurs!.RawBody, Is.Null.Or.Empty, "the provider's refusal escapes the handler");
            Assert.That(after.Domains.Single().CustomDomain, Is.Null);
            Assert.That(unknownApp!.RawBody, Is.EqualTo("""{"success":false,"error":"App not found"}"""));
        });
        var remove = _fake.Requests.Single(r => r.Method == "DELETE");
        Assert.That(remove.Json!.Value.GetProperty("domain").GetString(), Is.EqualTo("shop.example"));
    }

    [Test]
    public async Task Earnings_accrue_from_chats_through_the_monetized_app_and_can_be_withdrawn_once_per_key()
    {
        // Four withdrawals (CRITICAL, 5 per 300 s) after three chats would use up the key's counter, as on the real service.
        _fake.Replies.RateLimitMultiplier = 10;
        var earnings = _client.Apps.Earnings;
        var off = await earnings.GetMonetizationAsync(_appId);
        var on = await earnings.UpdateMonetizationAsync(_appId, new UpdateAppMonetizationRequest { MonetizationEnabled = true, InferenceMarkupPercentage = 100, PurchaseSharePercentage = 10 });
        _fake.Replies.AppChatCost = 10m;
        _fake.Replies.CreditBalance = 100m;
        var chat = new ChatCompletionRequest { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }] };
        for (var i = 0; i < 3; i++)
        {
            await _client.Apps.CreateChatCompletionAsync(_appId, chat);
        }

        var tooSmall = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => earnings.WithdrawAsync(_appId, new WithdrawAppEarningsRequest { Amount = 5 }));
        var otherPage = await earnings.ListHistoryAsync(_appId, new AppEarningsHistoryListOptions { Limit = 2, Offset = 1, Type = AppEarningsTransactionType.InferenceMarkup });
        var withdrawal = new WithdrawAppEarningsRequest { Amount = 25, IdempotencyKey = "withdraw-0000000001" };
        var first = await earnings.WithdrawAsync(_appId, withdrawal);
        var repeat = await earnings.WithdrawAsync(_appId, withdrawal);
        var summary = await earnings.GetAsync(_appId, days: 7);
        var history = await earnings.ListHistoryAsync(_appId, new AppEarningsHistoryListOptions { Limit = 2, Type = AppEarningsTransactionType.InferenceMarkup });
        var walkedFrom = _fake.Requests.Count;
        var allMarkups = await earnings.ListAllHistoryAsync(_appId, new AppEarningsHistoryListOptions { Limit = 2, Type = AppEarningsTransactionType.InferenceMarkup }).ToListAsync();
        var walk = _fake.Requests.Skip(walkedFrom).Select(r => r.Query).ToList();
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => earnings.WithdrawAsync(Guid.NewGuid().ToString(), withdrawal));

        Assert.Multiple(() =>
        {
            Assert.That((off.MonetizationEnabled, off.InferenceMarkupPercentage, off.TotalCreatorEarnings), Is.EqualTo(((bool?)false, (double?)0, (double?)0)));
            Assert.That((on.MonetizationEnabled, on.InferenceMarkupPercentage, on.PurchaseSharePercentage), Is.EqualTo(((bool?)true, (double?)100, (double?)10)));
            Assert.That(tooSmall!.RawBody, Is.EqualTo("""{"success":false,"error":"Minimum withdrawal amount is $25.00"}"""));
            Assert.That((first.Success, first.NewBalance, first.Message), Is.EqualTo((true, (double?)5, "Withdrawal of $25.00 processed")));
            Assert.That(repeat.TransactionId, Is.EqualTo(first.TransactionId), "the same idempotency key moves the money once");
            var s = summary.Earnings.Summary!;
            Assert.That((s.TotalLifetimeEarnings, s.WithdrawableBalance, s.TotalWithdrawn, s.PayoutThreshold), Is.EqualTo(((double?)30, (double?)5, (double?)25, (double?)25)));
            Assert.That(summary.Earnings.Breakdown.Today!.InferenceEarnings, Is.EqualTo(30));
            Assert.That(summary.Earnings.ChartData.Select(p => p.Date), Is.EqualTo(new[] { Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }), "only days with entries");
            Assert.That(summary.Earnings.ChartData[^1].Total, Is.EqualTo(30));
            Assert.That(summary.Earnings.RecentTransactions[0].Type.ToString(), Is.EqualTo("withdrawal"));
            Assert.That((summary.Earnings.RecentTransactions[0].Amount, summary.Earnings.RecentTransactions[0].AppId), Is.EqualTo(("-25.000000", _appId)));
            Assert.That((summary.Monetization.Enabled, summary.Monetization.TotalCreatorEarnings, summary.Monetization.TotalPlatformRevenue), Is.EqualTo(((bool?)true, (double?)30, (double?)30)));
            Assert.That(history.Transactions.Select(t => t.Amount), Is.EqualTo(new[] { "10.000000", "10.000000" }));
            Assert.That(history.Pagination.HasMore, Is.True);
            Assert.That(otherPage.Transactions.Select(t => t.Id), Is.EqualTo(history.Transactions.Select(t => t.Id)), "with a type the server ignores the offset");
            Assert.That(allMarkups.Select(t => (t.Type, t.Amount)), Is.EqualTo(Enumerable.Repeat((AppEarningsTransactionType.InferenceMarkup, "10.000000"), 3)), "the walk reaches past the newest window of the type");
            Assert.That(walk, Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4" }), "unfiltered windows until one is empty");
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"success":false,"error":"App not found"}"""));
        });
    }

    [Test]
    public async Task Discord_and_Telegram_automation_are_enabled_post_and_are_disabled()
    {
        var automation = _client.Apps.Automation;
        var discordOff = await automation.GetDiscordAsync(_appId);
        var discord = await automation.EnableDiscordAsync(_appId, new AppDiscordAutomationRequest { AutoAnnounce = true, AnnounceIntervalMin = 60, AnnounceIntervalMax = 120, VibeStyle = "calm" });
        var posted = await automation.PostDiscordAnnouncementAsync(_appId, "We shipped!");
        var discordOn = await automation.GetDiscordAsync(_appId);
        await automation.DisableDiscordAsync(_appId);
        var telegram = await automation.EnableTelegramAsync(_appId, new AppTelegramAutomationRequest { ChannelId = "@shopnews", WelcomeMessage = "Welcome!" });
        var announced = await automation.PostTelegramAnnouncementAsync(_appId, new AppTelegramPostRequest { Text = "Sale today", GroupId = "-100200" });
        var telegramOn = await automation.GetTelegramAsync(_appId);
        await automation.DisableTelegramAsync(_appId);
        var app = await _client.Apps.GetAsync(_appId);
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => automation.GetDiscordAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That((discordOff.Enabled, discordOff.DiscordConnected, discordOff.TotalMessages), Is.EqualTo((false, true, 0)));
            Assert.That((discord.Enabled, discord.AnnounceIntervalMin, discord.VibeStyle, discord.ChannelId), Is.EqualTo(((bool?)true, (double?)60, "calm", "1100000000000000002")));
            Assert.That(posted.MessageId, Does.Match("^[0-9]{19}$"));
            Assert.That(posted.ChannelId, Is.EqualTo("1100000000000000002"));
            Assert.That((discordOn.TotalMessages, discordOn.LastAnnouncementAt, discordOn.ChannelName, discordOn.GuildName), Is.EqualTo((1, "2026-11-28T12:00:00.000Z", "announcements", "Fake Guild")));
            Assert.That((telegram.Enabled, telegram.ChannelId, telegram.WelcomeMessage, telegram.BotUsername), Is.EqualTo(((bool?)true, "@shopnews", "Welcome!", "fake_milady_bot")));
            Assert.That((announced.MessageId, announced.ChatId), Is.EqualTo((101L, "-100200")));
            Assert.That((telegramOn.BotConnected, telegramOn.TotalMessages, telegramOn.ChannelId), Is.EqualTo((true, 1, "@shopnews")));
            Assert.That((app.DiscordAutomation!.Enabled, app.DiscordAutomation.TotalMessages, app.TelegramAutomation!.Enabled), Is.EqualTo(((bool?)false, (int?)1, (bool?)false)));
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"error":"App not found"}"""));
        });
    }

    [Test]
    public async Task Twitter_automation_posts_tweets_that_cost_credits()
    {
        var automation = _client.Apps.Automation;
        var before = await automation.GetTwitterAsync(_appId);
        var enabled = await automation.EnableTwitterAsync(_appId, new AppTwitterAutomationRequest { AutoPost = true, PostIntervalMin = 60, PostIntervalMax = 120, Topics = ["ai", "shops"] });
        var tweet = await automation.PostTweetAsync(_appId, "Hello X", "announcement");
        var after = await automation.GetTwitterAsync(_appId);
        var disabled = await automation.DisableTwitterAsync(_appId);
        _fake.Replies.CreditBalance = 0;
        var withText = await automation.PostTweetAsync(_appId, "Still free with text");
        var broke = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => automation.PostTweetAsync(_appId));

        Assert.Multiple(() =>
        {
            Assert.That((before.Enabled, before.TwitterConnected, before.TotalPosts, before.LastPost), Is.EqualTo((false, true, 0, (string?)null)));
            Assert.That((enabled.Id, enabled.Name, enabled.TwitterAutomation!.Enabled, enabled.TwitterAutomation.PostIntervalMax), Is.EqualTo((_appId, "Shop", (bool?)true, (int?)120)));
            Assert.That(enabled.TwitterAutomation.Topics, Is.EqualTo(new[] { "ai", "shops" }));
            Assert.That(tweet.TweetUrl, Is.EqualTo("https://x.fake.invalid/fake_milady/status/" + tweet.TweetId));
            Assert.That((after.TotalPosts, after.LastPost, after.Config!.AutoPost), Is.EqualTo((1, "2026-11-28T12:00:00.000Z", (bool?)true)));
            Assert.That(disabled.TwitterAutomation!.Enabled, Is.False);
            Assert.That(withText.TweetId, Is.Not.Empty, "a tweet with its text is not charged");
            Assert.That(broke!.RequiredAmount, Is.EqualTo(0.006m), "only an AI-written tweet costs credits");
        });
    }

    [Test]
    public async Task Promotion_runs_channels_reports_partial_failures_and_feeds_history_and_analytics()
    {
        var promotion = _client.Apps.Promotion;
        var suggestions = await promotion.GetSuggestionsAsync(_appId);
        var result = await promotion.PromoteAsync(_appId, new PromoteAppRequest
        {
            Channels = ["social", "advertising", "twitter_automation"],
            Social = new AppSocialPromotion { Platforms = ["twitter", "discord", "reddit"] },
            Advertising = new AppAdvertisingPromotion { Platform = "meta", AdAccountId = Guid.NewGuid().ToString(), Budget = 20, BudgetType = "daily", Objective = "traffic" },
            TwitterAutomation = new AppPromotionTwitterConfig { Enabled = true, AutoPost = true, AutoReply = false, AutoEngage = false, Discovery = false },
        });
        var history = await promotion.GetHistoryAsync(_appId);
        var analytics = await promotion.GetAnalyticsAsync(_appId, days: 7);
        var app = await _client.Apps.GetAsync(_appId);

        Assert.Multiple(() =>
        {
            Assert.That(suggestions.RecommendedChannels, Is.EqualTo(new[] { "social", "twitter_automation" }));
            Assert.That((suggestions.EstimatedBudget.Min, suggestions.TwitterAutomationStatus.Connected, suggestions.TwitterAutomationStatus.Enabled), Is.EqualTo((0d, true, false)));
            Assert.That((result.AppId, result.AppName, result.AppUrl, result.TotalCreditsUsed), Is.EqualTo((_appId, "Shop", "https://shop.example", 0.015)));
            Assert.That(result.Errors, Is.EqualTo(new[] { "Social media promotion partially failed" }));
            Assert.That(result.Channels.Social!.Platforms.Select(p => (p.Platform, p.Success)), Is.EqualTo(new[] { ("twitter", true), ("discord", true), ("reddit", false) }));
            Assert.That((result.Channels.Advertising!.Success, result.Channels.Advertising.CampaignName), Is.EqualTo((true, "Shop - traffic")));
            Assert.That(result.Channels.TwitterAutomation!.Enabled, Is.True);
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(49.985m));
            Assert.That((history.TotalCampaigns, history.RecentActivity.Count), Is.EqualTo((1, 1)));
            Assert.That((history.RecentActivity[0].Type, history.RecentActivity[0].Description), Is.EqualTo(("advertising", "Created campaign: Shop - traffic")));
            Assert.That((analytics.Summary.TotalCampaigns, analytics.Summary.ActiveCampaigns, analytics.Summary.TotalSpend), Is.EqualTo(((int?)1, (int?)1, (double?)0)));
            Assert.That((analytics.Campaigns.Single().Platform, analytics.Attribution.Single().CampaignName), Is.EqualTo(("meta", "Shop - traffic")));
            Assert.That((analytics.DateRange.Start, analytics.DateRange.End), Is.EqualTo(("2026-11-21T12:00:00.000Z", "2026-11-28T12:00:00.000Z")));
            Assert.That(app.TwitterAutomation!.Enabled, Is.True, "the twitter_automation channel switched the app's automation on");
        });
        Assert.That(_fake.Requests.Single(r => r.Method == "GET" && r.Query == "history=true").Path, Is.EqualTo($"/api/v1/apps/{_appId}/promote"));
    }

    [Test]
    public async Task Assets_are_priced_generated_and_kept_on_the_app_and_posts_are_previewed()
    {
        var promotion = _client.Apps.Promotion;
        var options = await promotion.GetAssetOptionsAsync(_appId, "twitter");
        var assets = await promotion.GenerateAssetsAsync(_appId, new GenerateAppPromotionAssetsRequest { Sizes = ["twitter_card", "google_display_medium"], IncludeAdBanners = true });
        var preview = await promotion.PreviewPostsAsync(_appId, new PreviewAppPromotionPostsRequest { Platforms = ["twitter", "discord"], Count = 2 });
        var app = await _client.Apps.GetAsync(_appId);
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => promotion.GetAssetOptionsAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(options.RecommendedSizes, Is.EqualTo(new[] { "twitter_card" }));
            Assert.That(options.AvailableSizes.Count, Is.EqualTo(9));
            Assert.That((options.EstimatedCost.PerImage, options.EstimatedCost.CopyGeneration, options.EstimatedCost.FullBundle), Is.EqualTo((0.012, 0.012, 0.036)));
            Assert.That(options.EstimatedCost.Display, Is.EqualTo("$0.04"));
            Assert.That(assets.Assets.Select(a => (a.Type.Value, a.Size.Width, a.Size.Height, a.Format)), Is.EqualTo(new[] { ("social_card", (int?)1200, (int?)675, "png"), ("banner", (int?)728, (int?)90, "png") }), "sizes is checked, not used");
            Assert.That(assets.Copy!.Value.GetProperty("headlines")[0].GetString(), Is.EqualTo("Meet Shop"));
            Assert.That((assets.CreditsUsed, assets.Errors.Count), Is.EqualTo((0.036, 0)));
            Assert.That(app.PromotionalAssets!.Select(a => a.Url), Is.EqualTo(assets.Assets.Select(a => a.Url)));
            Assert.That((preview.App.Name, preview.App.Url), Is.EqualTo(("Shop", "https://shop.example")));
            Assert.That(preview.Previews.Select(p => (p.Platform.Value, p.Type)), Is.EqualTo(new[] { ("twitter", "promotional"), ("twitter", "engagement"), ("discord", "promotional"), ("discord", "engagement") }));
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(50m - 0.036m - (2 * 0.006m) - (2 * 0.0006m)), "assets and every preview draft are charged");
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"error":"App not found"}"""));
        });
    }
}
