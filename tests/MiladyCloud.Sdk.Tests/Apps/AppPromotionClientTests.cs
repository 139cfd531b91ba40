using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppPromotionClientTests
{
    private const string AdAccount = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task GetSuggestionsAsync_maps_the_suggestions()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/promote", """
            {"recommendedChannels":["social","seo"],"estimatedBudget":{"min":50,"max":200},"suggestedPlatforms":["twitter"],"tips":["Post daily"],"twitterAutomationStatus":{"connected":true,"enabled":false}}
            """);

        var suggestions = await _api.Client.Apps.Promotion.GetSuggestionsAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/promote");
        Assert.Multiple(() =>
        {
            Assert.That(suggestions.RecommendedChannels, Is.EqualTo(new[] { "social", "seo" }));
            Assert.That(suggestions.EstimatedBudget!.Min, Is.EqualTo(50));
            Assert.That(suggestions.EstimatedBudget.Max, Is.EqualTo(200));
            Assert.That(suggestions.SuggestedPlatforms, Is.EqualTo(new[] { "twitter" }));
            Assert.That(suggestions.Tips, Is.EqualTo(new[] { "Post daily" }));
            Assert.That(suggestions.TwitterAutomationStatus!.Connected, Is.True);
            Assert.That(suggestions.TwitterAutomationStatus.Enabled, Is.False);
        });
    }

    [Test]
    public async Task GetHistoryAsync_asks_for_history()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/promote", """{"totalCampaigns":2,"recentActivity":[{"type":"advertising","date":"2026-04-20","description":"Meta campaign"}]}""");

        var history = await _api.Client.Apps.Promotion.GetHistoryAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/promote?history=true");
        Assert.That(history.TotalCampaigns, Is.EqualTo(2));
        Assert.That(history.RecentActivity!.Single().Description, Is.EqualTo("Meta campaign"));
    }

    [Test]
    public async Task PromoteAsync_posts_channels_with_settings_and_returns_a_partial_failure()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote", """
            {"appId":"a-1","appName":"My App","appUrl":"https://a","channels":{
               "social":{"success":false,"platforms":[{"platform":"twitter","success":true,"postId":"t-1","postUrl":"https://x/t-1"},{"platform":"bluesky","success":false,"error":"not connected"}]},
               "advertising":{"success":true,"campaignId":"cmp-1","campaignName":"My App - traffic"}},"totalCreditsUsed":1.5,
             "errors":["Social media promotion partially failed"]}
            """, 207);

        var result = await _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest
        {
            Channels = ["social", "advertising"],
            Social = new AppSocialPromotion { Platforms = ["twitter", "bluesky"], CustomMessage = "Try it" },
            Advertising = new AppAdvertisingPromotion { Platform = "meta", AdAccountId = AdAccount, Budget = 50, BudgetType = "daily", Objective = "traffic", TargetLocations = ["US"] },
        });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/promote", """
            {"channels":["social","advertising"],"social":{"platforms":["twitter","bluesky"],"customMessage":"Try it"},
             "advertising":{"platform":"meta","adAccountId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","budget":50,"budgetType":"daily","objective":"traffic","targetLocations":["US"]}}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.AppId, Is.EqualTo("a-1"));
            Assert.That(result.AppName, Is.EqualTo("My App"));
            Assert.That(result.AppUrl, Is.EqualTo("https://a"));
            Assert.That(result.Channels.Social!.Platforms[0].PostUrl, Is.EqualTo("https://x/t-1"));
            Assert.That(result.Channels.Social.Platforms[1].Error, Is.EqualTo("not connected"));
            Assert.That(result.Channels.Advertising!.CampaignId, Is.EqualTo("cmp-1"));
            Assert.That(result.TotalCreditsUsed, Is.EqualTo(1.5));
            Assert.That(result.Errors.Single(), Is.EqualTo("Social media promotion partially failed"));
        });
    }

    [Test]
    public void PromoteAsync_rejects_a_channel_without_settings_and_unknown_channels_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest { Channels = ["social"] }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest { Channels = ["billboard"] }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest { Channels = [] }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest
        {
            Channels = ["advertising"],
            Advertising = new AppAdvertisingPromotion { Platform = "meta", AdAccountId = AdAccount, Budget = 20_000, BudgetType = "daily", Objective = "traffic" },
        }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task GetAnalyticsAsync_sends_days_and_maps_campaigns()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/promote/analytics", """
            {"summary":{"totalCampaigns":1,"activeCampaigns":1,"totalSpend":50,"totalImpressions":10000,"totalClicks":200,"totalConversions":10,"ctr":2,"cpc":0.25,"cpm":5,"conversionRate":5},
             "campaigns":[{"id":"cmp-1","name":"Launch","platform":"meta","status":"active","spend":50,"impressions":10000,"clicks":200,"conversions":10}],
             "attribution":[{"campaignId":"cmp-1","campaignName":"Launch","platform":"meta","signups":7,"conversions":3,"cost":50}],
             "dateRange":{"start":"2026-03-28","end":"2026-04-27"}}
            """);

        var analytics = await _api.Client.Apps.Promotion.GetAnalyticsAsync("a-1", 30);

        _api.AssertRequest("GET", "/api/v1/apps/a-1/promote/analytics?days=30");
        Assert.Multiple(() =>
        {
            Assert.That(analytics.Summary!.TotalImpressions, Is.EqualTo(10000));
            Assert.That(analytics.Summary.Cpc, Is.EqualTo(0.25));
            Assert.That(analytics.Summary.ConversionRate, Is.EqualTo(5));
            Assert.That(analytics.Campaigns!.Single().Status, Is.EqualTo("active"));
            Assert.That(analytics.Campaigns!.Single().Clicks, Is.EqualTo(200));
            Assert.That(analytics.Attribution!.Single().Signups, Is.EqualTo(7));
            Assert.That(analytics.DateRange!.Start, Is.EqualTo("2026-03-28"));
        });
    }

    [Test]
    public async Task GetAssetOptionsAsync_sends_the_platform_and_maps_sizes_and_costs()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/promote/assets", """
            {"recommendedSizes":["facebook_feed"],"availableSizes":[{"name":"facebook_feed","width":1200,"height":628}],
             "estimatedCost":{"perImage":0.05,"copyGeneration":0.01,"fullBundle":0.5,"display":"$0.50"}}
            """);

        var options = await _api.Client.Apps.Promotion.GetAssetOptionsAsync("a-1", "meta");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/promote/assets?platform=meta");
        Assert.Multiple(() =>
        {
            Assert.That(options.RecommendedSizes.Single(), Is.EqualTo("facebook_feed"));
            Assert.That(options.AvailableSizes.Single().Height, Is.EqualTo(628));
            Assert.That(options.EstimatedCost.PerImage, Is.EqualTo(0.05));
            Assert.That(options.EstimatedCost.FullBundle, Is.EqualTo(0.5));
            Assert.That(options.EstimatedCost.Display, Is.EqualTo("$0.50"));
        });
    }

    [Test]
    public async Task GenerateAssetsAsync_posts_the_options_and_maps_assets()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote/assets", """
            {"assets":[{"type":"social_card","size":{"width":1200,"height":630},"url":"https://img/1.png","format":"png","generatedAt":"2026-04-27T10:00:00Z"}],
             "copy":{"headline":"Hi"},"errors":[],"creditsUsed":0.15}
            """);

        var assets = await _api.Client.Apps.Promotion.GenerateAssetsAsync("a-1", new GenerateAppPromotionAssetsRequest { Sizes = ["twitter_card"], IncludeCopy = true, TargetAudience = "devs" });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/promote/assets", """{"sizes":["twitter_card"],"includeCopy":true,"targetAudience":"devs"}""");
        Assert.Multiple(() =>
        {
            Assert.That(assets.Assets.Single().Url, Is.EqualTo("https://img/1.png"));
            Assert.That(assets.Assets.Single().Type, Is.EqualTo(AppGeneratedAssetType.SocialCard));
            Assert.That(assets.Assets.Single().Size.Height, Is.EqualTo(630));
            Assert.That(assets.Assets.Single().Format, Is.EqualTo("png"));
            Assert.That(assets.Copy!.Value.GetProperty("headline").GetString(), Is.EqualTo("Hi"));
            Assert.That(assets.Errors, Is.Empty);
            Assert.That(assets.CreditsUsed, Is.EqualTo(0.15));
        });
    }

    [Test]
    public void GenerateAssetsAsync_missing_credits_is_typed_with_the_amount()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote/assets", """{"error":"Insufficient credits","required":0.5}""", 402);

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => _api.Client.Apps.Promotion.GenerateAssetsAsync("a-1"));
        Assert.That(ex!.RequiredAmount, Is.EqualTo(0.5m));
    }

    [Test]
    public async Task PreviewPostsAsync_posts_platforms_and_count()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote/preview", """
            {"app":{"id":"a-1","name":"My App","description":"d","url":"https://a","logoUrl":null},
             "previews":[{"platform":"twitter","content":"Check it out","type":"promotional","timestamp":"2026-04-27T10:00:00Z"}]}
            """);

        var preview = await _api.Client.Apps.Promotion.PreviewPostsAsync("a-1", new PreviewAppPromotionPostsRequest { Platforms = ["twitter"], Count = 1 });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/promote/preview", """{"platforms":["twitter"],"count":1}""");
        Assert.Multiple(() =>
        {
            Assert.That(preview.App.Url, Is.EqualTo("https://a"));
            Assert.That(preview.Previews.Single().Content, Is.EqualTo("Check it out"));
            Assert.That(preview.Previews.Single().Platform, Is.EqualTo(AppPreviewPlatform.Twitter));
            Assert.That(preview.Errors, Is.Null);
        });
    }

    [Test]
    public void PreviewPostsAsync_rejects_bad_platform_and_count_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PreviewPostsAsync("a-1", new PreviewAppPromotionPostsRequest { Platforms = ["reddit"] }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PreviewPostsAsync("a-1", new PreviewAppPromotionPostsRequest { Platforms = ["twitter"], Count = 5 }));
        _api.AssertNothingSent();
    }
}
