using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Apps;

/// <summary>
/// The app clients checked against what the server's handlers really do (elizaOS/cloud@60bc09e7): the rules they
/// enforce, the bodies they send back, and how their failures must be retried or not.
/// </summary>
public class AppServerRulesTests
{
    private const string AppId = "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b";
    private const string Character = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d01";
    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    private static ChatCompletionRequest Question => new()
    {
        Model = "openai/gpt-5.4",
        Messages = [new ChatMessage { Role = ChatRole.User, Content = "Hi" }],
    };

    private static AppPromotionTwitterConfig TwitterSwitches() => new() { Enabled = true, AutoPost = false, AutoReply = false, AutoEngage = false, Discovery = false };

    /// <summary>The promote route's schema requires all five switches (z.boolean() without optional): they always go over the wire.</summary>
    [Test]
    public async Task PromoteAsync_always_sends_the_five_twitter_switches_the_server_requires()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote", """
            {"appId":"a-1","appName":"A","appUrl":"https://a","channels":{"twitterAutomation":{"success":true,"enabled":true}},"totalCreditsUsed":0,"errors":[]}
            """);

        var result = await _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest { Channels = ["twitter_automation"], TwitterAutomation = TwitterSwitches() });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/promote", """
            {"channels":["twitter_automation"],"twitterAutomation":{"enabled":true,"autoPost":false,"autoReply":false,"autoEngage":false,"discovery":false}}
            """);
        Assert.That(result.Channels.TwitterAutomation!.Enabled, Is.True);
    }

    public static IEnumerable<TestCaseData> PromotionsTheServerRefuses()
    {
        var twitter = TwitterSwitches();
        twitter.PostIntervalMax = 45;
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["twitter_automation"], TwitterAutomation = twitter }).SetName("twitter postIntervalMax below 60");
        var topics = TwitterSwitches();
        topics.Topics = [new string('t', 51)];
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["twitter_automation"], TwitterAutomation = topics }).SetName("twitter topic over 50 characters");
        var agent = TwitterSwitches();
        agent.AgentCharacterId = "my-agent";
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["twitter_automation"], TwitterAutomation = agent }).SetName("twitter agentCharacterId not a UUID");
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["telegram_automation"], TelegramAutomation = new AppPromotionTelegramConfig { AnnounceIntervalMax = 45 } }).SetName("telegram announceIntervalMax below 60");
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["discord_automation"], DiscordAutomation = new AppPromotionDiscordConfig { VibeStyle = new string('v', 101) } }).SetName("discord vibeStyle over 100 characters");
        yield return new TestCaseData(new PromoteAppRequest { Channels = ["social"], Social = new AppSocialPromotion { Platforms = ["myspace"] } }).SetName("unknown social platform");
        yield return new TestCaseData(new PromoteAppRequest
        {
            Channels = ["advertising"],
            Advertising = new AppAdvertisingPromotion { Platform = "meta", AdAccountId = "acc-1", Budget = 10, BudgetType = "daily", Objective = "traffic" },
        }).SetName("adAccountId not a UUID");
        yield return new TestCaseData(new PromoteAppRequest
        {
            Channels = ["advertising"],
            Advertising = new AppAdvertisingPromotion { Platform = "meta", AdAccountId = Character, Budget = 10, BudgetType = "daily", Objective = "traffic", TargetLocations = ["USA"] },
        }).SetName("target location not two letters");
    }

    [TestCaseSource(nameof(PromotionsTheServerRefuses))]
    public void PromoteAsync_rejects_what_the_promote_schema_refuses_before_sending(PromoteAppRequest promotion)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Promotion.PromoteAsync("a-1", promotion));
        _api.AssertNothingSent();
    }

    /// <summary>The route requires a settings object for every channel but seo, which without one does nothing.</summary>
    [Test]
    public async Task PromoteAsync_sends_seo_without_settings_as_the_server_accepts_it()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/promote", """{"appId":"a-1","appName":"A","appUrl":"https://a","channels":{},"totalCreditsUsed":0,"errors":[]}""");

        await _api.Client.Apps.Promotion.PromoteAsync("a-1", new PromoteAppRequest { Channels = ["seo"] });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/promote", """{"channels":["seo"]}""");
    }

    /// <summary>
    /// The enable routes compare a one-sided interval with the other's default: a maximum alone must be at least 120,
    /// a minimum alone at most 240 (400 otherwise).
    /// </summary>
    [TestCase(null, 100)]
    [TestCase(300, null)]
    [TestCase(200, 100)]
    public void EnableDiscordAsync_applies_the_one_sided_interval_rules_before_sending(int? min, int? max)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableDiscordAsync("a-1", new AppDiscordAutomationRequest { AnnounceIntervalMin = min, AnnounceIntervalMax = max }));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTelegramAsync("a-1", new AppTelegramAutomationRequest { AnnounceIntervalMin = min, AnnounceIntervalMax = max }));
        _api.AssertNothingSent();
    }

    [TestCase(null, 90)]
    [TestCase(300, null)]
    public void EnableTwitterAsync_applies_the_one_sided_interval_rules_before_sending(int? min, int? max)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTwitterAsync("a-1", new AppTwitterAutomationRequest { PostIntervalMin = min, PostIntervalMax = max }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task EnableDiscordAsync_sends_a_long_range_given_with_both_ends()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/discord-automation", """{"success":true,"discord_automation":{"enabled":true,"autoAnnounce":false,"announceIntervalMin":300,"announceIntervalMax":600}}""");

        await _api.Client.Apps.Automation.EnableDiscordAsync("a-1", new AppDiscordAutomationRequest { AnnounceIntervalMin = 300, AnnounceIntervalMax = 600 });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/discord-automation", """{"announceIntervalMin":300,"announceIntervalMax":600}""");
    }

    [Test]
    public void EnableTelegramAsync_rejects_a_character_id_that_is_not_a_uuid_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Automation.EnableTelegramAsync("a-1", new AppTelegramAutomationRequest { AgentCharacterId = "ada" }));
        _api.AssertNothingSent();
    }

    /// <summary>The enable routes take any number of minutes (no .int()), so a stored interval may be fractional.</summary>
    [Test]
    public async Task Stored_fractional_intervals_are_read_where_whole_minutes_were_expected_before()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/discord-automation", """{"enabled":true,"discordConnected":true,"autoAnnounce":true,"announceIntervalMin":90.5,"announceIntervalMax":240,"totalMessages":0}""");
        _api.Respond("GET", "/api/v1/apps/a-1", """
            {"success":true,"app":{"id":"a-1","telegram_automation":{"enabled":true,"autoReply":true,"autoAnnounce":true,"announceIntervalMin":45.25,"announceIntervalMax":120.75}}}
            """);

        var discord = await _api.Client.Apps.Automation.GetDiscordAsync("a-1");
        var app = await _api.Client.Apps.GetAsync("a-1");

        Assert.That((discord.AnnounceIntervalMin, app.TelegramAutomation!.AnnounceIntervalMax), Is.EqualTo(((double?)90.5, (double?)120.75)));
    }

    /// <summary>The public route queries the database with the id unchecked: anything but a UUID is a 500, not a 404.</summary>
    [Test]
    public void GetPublicInfoAsync_rejects_an_id_that_is_not_a_uuid_before_sending()
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.GetPublicInfoAsync("my-app"));
        Assert.That(ex!.ParamName, Is.EqualTo("appId"));
        _api.AssertNothingSent();
    }

    [Test]
    public void UpdateAsync_rejects_linked_character_ids_that_are_not_uuids_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.UpdateAsync("a-1", new UpdateAppRequest { LinkedCharacterIds = [Character, "ada"] }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task PostTweetAsync_always_sends_a_json_body_and_leaves_out_an_unset_type()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/twitter-automation/post", """{"success":true,"tweetId":"1","tweetUrl":"https://x/1"}""");

        await _api.Client.Apps.Automation.PostTweetAsync("a-1");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/twitter-automation/post", "{}");
    }

    /// <summary>The server's agent name rule: at most 100 characters as sent, then trimmed and not empty.</summary>
    [Test]
    public void CreateAgentAsync_counts_the_name_as_sent_before_trimming()
    {
        var name = " " + new string('a', 100);
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Agents.CreateAsync(new CreateAgentRequest { Name = name }));
        _api.AssertNothingSent();
    }

    /// <summary>
    /// The app chat route answers 503 for every upstream failure, requests the model provider rejected included, so a
    /// 503 is not retried; the limiter's 429 still is.
    /// </summary>
    [Test]
    public void CreateChatCompletionAsync_does_not_retry_the_routes_503()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost()).RespondWith(Response.Create().WithStatusCode(503)
            .WithHeader("Content-Type", "application/json").WithBody("""{"error":{"message":"Service temporarily unavailable. Credits refunded.","type":"api_error","code":"provider_error"}}"""));

        var ex = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => api.Client.Apps.CreateChatCompletionAsync("a-1", Question));

        Assert.That(ex!.ServerCode, Is.EqualTo("provider_error"));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateChatCompletionAsync_still_retries_the_rate_limiters_429()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost()).InScenario("limit").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithBody("""{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded. Maximum 60 requests per 60 seconds.","retryAfter":0}"""));
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost()).InScenario("limit").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""
                {"id":"gen-1","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}]}
                """));

        var completion = await api.Client.Apps.CreateChatCompletionAsync("a-1", Question);

        Assert.That((completion.Id, api.Server.LogEntries.Count()), Is.EqualTo(("gen-1", 2)));
    }

    [Test]
    public void StreamChatCompletionAsync_does_not_retry_the_routes_503_either()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost()).RespondWith(Response.Create().WithStatusCode(503)
            .WithHeader("Content-Type", "application/json").WithBody("""{"error":{"message":"Service temporarily unavailable. Credits refunded.","type":"api_error","code":"provider_error"}}"""));

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(async () =>
        {
            await foreach (var unused in api.Client.Apps.StreamChatCompletionAsync("a-1", Question))
            {
            }
        });
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    /// <summary>Every preview draft is written by AI and charged: after an ambiguous 500 the call is not repeated.</summary>
    [Test]
    public void PreviewPostsAsync_is_credit_consuming_and_not_repeated_after_a_500()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/promote/preview").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Apps.Promotion.PreviewPostsAsync("a-1", new PreviewAppPromotionPostsRequest { Platforms = ["twitter"] }));

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    /// <summary>The server judges an API key before a session, and this route takes only the app's own key.</summary>
    [Test]
    public async Task ListCharactersAsync_sends_only_the_session_when_one_is_configured()
    {
        using var api = new FakeApi(o => o.SessionToken = "session-value");
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/characters").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"success":true,"characters":[]}"""));

        await api.Client.Apps.ListCharactersAsync("a-1");

        var headers = api.SingleRequest().RequestMessage!.Headers!;
        Assert.Multiple(() =>
        {
            Assert.That(headers.ContainsKey("Authorization"), Is.False);
            Assert.That(headers.ContainsKey("X-API-Key"), Is.False);
            Assert.That(headers["Cookie"].Single(), Is.EqualTo("privy-token=session-value"));
        });
    }

    [Test]
    public void ListCharactersAsync_maps_the_routes_own_401_and_403()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/characters", """{"success":false,"error":"Authentication required"}""", 401);
        _api.Respond("GET", "/api/v1/apps/a-2/characters", """{"success":false,"error":"Invalid API key for this app"}""", 403);

        Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => _api.Client.Apps.ListCharactersAsync("a-1"));
        var forbidden = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _api.Client.Apps.ListCharactersAsync("a-2"));
        Assert.That(forbidden!.ServerMessage, Is.EqualTo("Invalid API key for this app"));
    }

    /// <summary>Routes that authenticate outside their try/catch answer a rejected key with an empty 500.</summary>
    [Test]
    public void An_empty_500_from_an_app_route_is_a_server_error()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/twitter-automation", string.Empty, 500);

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => _api.Client.Apps.Automation.GetTwitterAsync("a-1"));
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task AddAsync_sends_the_add_request_and_reads_name_type_value_records()
    {
        _api.Respond("POST", $"/api/v1/apps/{AppId}/domains", """
            {"success":true,"domain":"app.example.com","verified":false,"verificationRecords":[{"type":"CNAME","name":"app","value":"cname.vercel-dns.com"}],
             "dnsInstructions":[{"type":"CNAME","name":"app","value":"cname.vercel-dns.com","description":"Point your subdomain to Vercel"}],"isApexDomain":false}
            """);

        var added = await _api.Client.Apps.Domains.AddAsync(AppId, "app.example.com");

        _api.AssertRequest("POST", $"/api/v1/apps/{AppId}/domains", """{"domain":"app.example.com"}""");
        var record = added.VerificationRecords.Single();
        Assert.That((record.Type, record.Name, record.Value), Is.EqualTo((AppDnsRecordType.CNAME, "app", "cname.vercel-dns.com")));
    }
}
