using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppsClientTests
{
    private const string C1 = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d01";
    private const string C2 = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d02";

    internal const string AppJson = """
        {"id":"a-1","name":"My App","description":null,"slug":"my-app","organization_id":"o-1","created_by_user_id":"u-1",
         "app_url":"https://myapp.example.com","allowed_origins":["*"],"api_key_id":"k-1","affiliate_code":null,
         "referral_bonus_credits":"0.00","total_credits_used":"1.25","total_requests":42,"total_users":7,
         "logo_url":null,"website_url":"https://site.example","contact_email":"a@example.com","metadata":{"tier":"pro"},
         "deployment_status":"deployed","production_url":"https://my-app.example.app","last_deployed_at":"2026-04-27T10:00:00Z",
         "github_repo":"org/my-app","linked_character_ids":["c-1"],"monetization_enabled":true,"inference_markup_percentage":15,
         "purchase_share_percentage":10,"platform_offset_amount":0,"custom_pricing_enabled":false,
         "total_creator_earnings":"12.50","total_platform_revenue":"70.80",
         "discord_automation":{"enabled":true,"guildId":"g-1","channelId":"ch-1","autoAnnounce":true,"announceIntervalMin":120,"announceIntervalMax":240,"totalMessages":3},
         "telegram_automation":{"enabled":false,"autoReply":true,"autoAnnounce":false,"announceIntervalMin":60,"announceIntervalMax":120,"welcomeMessage":"hi"},
         "twitter_automation":{"enabled":true,"autoPost":true,"autoReply":false,"autoEngage":false,"discovery":true,"postIntervalMin":90,"postIntervalMax":150,"topics":["ai"]},
         "promotional_assets":[{"type":"banner","url":"https://img.example/b.png","size":{"width":1200,"height":630},"generatedAt":"2026-04-27T10:00:00Z"}],
         "user_database_status":"ready","user_database_uri":"postgres://user:secret@db.example/app","user_database_project_id":"p",
         "user_database_branch_id":"b","user_database_region":"us-east-1","user_database_error":null,
         "email_notifications":true,"response_notifications":false,"is_active":true,"is_approved":true,
         "created_at":"2026-04-01T00:00:00Z","updated_at":"2026-04-02T00:00:00Z","last_used_at":null}
        """;

    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task ListAsync_maps_every_field_of_the_app_row()
    {
        _api.Respond("GET", "/api/v1/apps", "{\"success\":true,\"apps\":[" + AppJson + "]}");

        var app = (await _api.Client.Apps.ListAsync()).Single();

        _api.AssertRequest("GET", "/api/v1/apps");
        Assert.Multiple(() =>
        {
            Assert.That(app.Id, Is.EqualTo("a-1"));
            Assert.That(app.Name, Is.EqualTo("My App"));
            Assert.That(app.Description, Is.Null);
            Assert.That(app.Slug, Is.EqualTo("my-app"));
            Assert.That(app.OrganizationId, Is.EqualTo("o-1"));
            Assert.That(app.CreatedByUserId, Is.EqualTo("u-1"));
            Assert.That(app.AppUrl, Is.EqualTo("https://myapp.example.com"));
            Assert.That(app.AllowedOrigins, Is.EqualTo(new[] { "*" }));
            Assert.That(app.ApiKeyId, Is.EqualTo("k-1"));
            Assert.That(app.ReferralBonusCredits, Is.EqualTo("0.00"));
            Assert.That(app.TotalCreditsUsed, Is.EqualTo("1.25"));
            Assert.That(app.TotalRequests, Is.EqualTo(42));
            Assert.That(app.TotalUsers, Is.EqualTo(7));
            Assert.That(app.WebsiteUrl, Is.EqualTo("https://site.example"));
            Assert.That(app.ContactEmail, Is.EqualTo("a@example.com"));
            Assert.That(app.Metadata!["tier"].GetString(), Is.EqualTo("pro"));
            Assert.That(app.DeploymentStatus, Is.EqualTo(AppDeploymentStatus.Deployed));
            Assert.That(app.ProductionUrl, Is.EqualTo("https://my-app.example.app"));
            Assert.That(app.LastDeployedAt, Is.EqualTo("2026-04-27T10:00:00Z"));
            Assert.That(app.GithubRepo, Is.EqualTo("org/my-app"));
            Assert.That(app.LinkedCharacterIds, Is.EqualTo(new[] { "c-1" }));
            Assert.That(app.MonetizationEnabled, Is.True);
            Assert.That(app.InferenceMarkupPercentage, Is.EqualTo(15));
            Assert.That(app.PurchaseSharePercentage, Is.EqualTo(10));
            Assert.That(app.PlatformOffsetAmount, Is.EqualTo(0));
            Assert.That(app.CustomPricingEnabled, Is.False);
            Assert.That(app.TotalCreatorEarnings, Is.EqualTo("12.50"));
            Assert.That(app.TotalPlatformRevenue, Is.EqualTo("70.80"));
            Assert.That(app.DiscordAutomation!.GuildId, Is.EqualTo("g-1"));
            Assert.That(app.DiscordAutomation.AnnounceIntervalMax, Is.EqualTo(240));
            Assert.That(app.DiscordAutomation.TotalMessages, Is.EqualTo(3));
            Assert.That(app.TelegramAutomation!.WelcomeMessage, Is.EqualTo("hi"));
            Assert.That(app.TelegramAutomation.AutoReply, Is.True);
            Assert.That(app.TwitterAutomation!.Topics, Is.EqualTo(new[] { "ai" }));
            Assert.That(app.TwitterAutomation.PostIntervalMin, Is.EqualTo(90));
            Assert.That(app.PromotionalAssets!.Single().Size!.Width, Is.EqualTo(1200));
            Assert.That(app.PromotionalAssets!.Single().Type, Is.EqualTo("banner"));
            Assert.That(app.UserDatabaseStatus, Is.EqualTo(AppUserDatabaseStatus.Ready));
            Assert.That(app.UserDatabaseUri, Is.EqualTo("postgres://user:secret@db.example/app"));
            Assert.That(app.UserDatabaseRegion, Is.EqualTo("us-east-1"));
            Assert.That(app.EmailNotifications, Is.True);
            Assert.That(app.ResponseNotifications, Is.False);
            Assert.That(app.IsActive, Is.True);
            Assert.That(app.IsApproved, Is.True);
            Assert.That(app.CreatedAt, Is.EqualTo("2026-04-01T00:00:00Z"));
            Assert.That(app.LastUsedAt, Is.Null);
        });
        Assert.That(app.ToString(), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task CreateAsync_posts_the_app_and_returns_the_key_once_without_showing_it()
    {
        _api.Respond("POST", "/api/v1/apps", "{\"success\":true,\"app\":" + AppJson + ",\"apiKey\":\"eliza_appkey123\",\"githubRepo\":\"org/my-app-5a1d\",\"warnings\":[\"GitHub repo creation failed: x\"]}");

        var created = await _api.Client.Apps.CreateAsync(new CreateAppRequest
        {
            Name = "My App", AppUrl = "https://myapp.example.com", Description = "d", WebsiteUrl = "https://site.example",
            ContactEmail = "a@example.com", AllowedOrigins = ["https://*.example.com"], LogoUrl = "https://img.example/l.png", SkipGitHubRepo = true,
        });

        _api.AssertRequest("POST", "/api/v1/apps", """
            {"name":"My App","app_url":"https://myapp.example.com","description":"d","website_url":"https://site.example",
             "contact_email":"a@example.com","allowed_origins":["https://*.example.com"],"logo_url":"https://img.example/l.png","skipGitHubRepo":true}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(created.ApiKey, Is.EqualTo("eliza_appkey123"));
            Assert.That(created.App.Id, Is.EqualTo("a-1"));
            Assert.That(created.GithubRepo, Is.EqualTo("org/my-app-5a1d"));
            Assert.That(created.Warnings, Is.EqualTo(new[] { "GitHub repo creation failed: x" }));
            Assert.That(created.ToString(), Does.Not.Contain("eliza_appkey123"));
        });
    }

    [Test]
    public void CreateAsync_is_not_retried_after_a_server_error()
    {
        using var api = new Infrastructure.FakeApi(o => o.MaxRetries = 2);
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v1/apps").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(502).WithBody("{\"success\":false,\"error\":\"bad gateway\"}"));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Apps.CreateAsync(new CreateAppRequest { Name = "A", AppUrl = "https://a.example" }));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [TestCase("", "https://a.example")]
    [TestCase("A", "not a url")]
    [TestCase("A", "ftp://a.example")]
    public void CreateAsync_rejects_bad_input_before_sending(string name, string url)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.CreateAsync(new CreateAppRequest { Name = name, AppUrl = url }));
        _api.AssertNothingSent();
    }

    [Test]
    public void CreateAsync_rejects_a_malformed_email_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.CreateAsync(new CreateAppRequest { Name = "A", AppUrl = "https://a.example", ContactEmail = "nope" }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task CheckNameAsync_posts_the_name_and_maps_the_conflict()
    {
        _api.Respond("POST", "/api/v1/apps/check-name", """{"success":true,"available":false,"slug":"my-app","conflictType":"subdomain","suggestedName":"My App-3f2a"}""");

        var result = await _api.Client.Apps.CheckNameAsync("My App");

        _api.AssertRequest("POST", "/api/v1/apps/check-name", """{"name":"My App"}""");
        Assert.Multiple(() =>
        {
            Assert.That(result.Available, Is.False);
            Assert.That(result.Slug, Is.EqualTo("my-app"));
            Assert.That(result.ConflictType, Is.EqualTo(AppNameConflictType.Subdomain));
            Assert.That(result.SuggestedName, Is.EqualTo("My App-3f2a"));
        });
    }

    [Test]
    public async Task GetAsync_escapes_the_id()
    {
        _api.Respond("GET", "/api/v1/apps/a 1", "{\"success\":true,\"app\":" + AppJson + "}");

        var app = await _api.Client.Apps.GetAsync("a 1");

        _api.AssertRequest("GET", "/api/v1/apps/a%201");
        Assert.That(app.Slug, Is.EqualTo("my-app"));
    }

    [TestCase("..")]
    [TestCase("")]
    public void Unsafe_ids_are_rejected_before_sending(string id)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.GetAsync(id));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Domains.ListAsync(id));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.ListRequestsAsync(id));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task UpdateAsync_patches_only_the_given_fields_and_sends_empty_strings_to_clear()
    {
        _api.Respond("PATCH", "/api/v1/apps/a-1", "{\"success\":true,\"app\":" + AppJson + "}");

        var app = await _api.Client.Apps.UpdateAsync("a-1", new UpdateAppRequest { Name = "Renamed", LogoUrl = "", IsActive = false, LinkedCharacterIds = [C1, C2] });

        _api.AssertRequest("PATCH", "/api/v1/apps/a-1", """{"name":"Renamed","logo_url":"","is_active":false,"linked_character_ids":["0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d01","0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d02"]}""");
        Assert.That(app.Id, Is.EqualTo("a-1"));
    }

    [Test]
    public void UpdateAsync_rejects_five_characters_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.UpdateAsync("a-1", new UpdateAppRequest { LinkedCharacterIds = ["1", "2", "3", "4", "5"] }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task DeleteAsync_sends_flags_only_when_keeping_resources_and_maps_cleanup_errors()
    {
        _api.Respond("DELETE", "/api/v1/apps/a-1", """{"success":false,"message":"App deleted with some cleanup errors","cleaned":{"apiKey":true},"errors":["repo: not found"]}""");

        var result = await _api.Client.Apps.DeleteAsync("a-1", deleteGitHubRepository: false);

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1?deleteGitHubRepo=false");
        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.False);
            Assert.That(result.Message, Is.EqualTo("App deleted with some cleanup errors"));
            Assert.That(result.Cleaned!["apiKey"].GetBoolean(), Is.True);
            Assert.That(result.Errors!.Single().GetString(), Is.EqualTo("repo: not found"));
        });
    }

    [Test]
    public async Task RegenerateApiKeyAsync_returns_the_new_key_without_showing_it()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/regenerate-api-key", """{"success":true,"apiKey":"eliza_newkey456","message":"API key regenerated successfully. Make sure to save it securely."}""");

        var result = await _api.Client.Apps.RegenerateApiKeyAsync("a-1");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/regenerate-api-key");
        Assert.That(result.ApiKey, Is.EqualTo("eliza_newkey456"));
        Assert.That(result.Message, Does.StartWith("API key regenerated"));
        Assert.That(result.ToString(), Does.Not.Contain("eliza_newkey456"));
    }

    [Test]
    public async Task GetPublicInfoAsync_escapes_the_redirect_uri()
    {
        _api.Respond("GET", "/api/v1/apps/3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b/public", """{"success":true,"app":{"id":"3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b","name":"My App","description":"d","logo_url":"https://l","website_url":"https://w"}}""");

        var info = await _api.Client.Apps.GetPublicInfoAsync("3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b", "https://myapp.example.com/cb?x=1");

        _api.AssertRequest("GET", "/api/v1/apps/3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b/public?redirect_uri=https%3A%2F%2Fmyapp.example.com%2Fcb%3Fx%3D1");
        Assert.Multiple(() =>
        {
            Assert.That(info.Id, Is.EqualTo("3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b"));
            Assert.That(info.Name, Is.EqualTo("My App"));
            Assert.That(info.Description, Is.EqualTo("d"));
            Assert.That(info.LogoUrl, Is.EqualTo("https://l"));
            Assert.That(info.WebsiteUrl, Is.EqualTo("https://w"));
        });
    }

    [Test]
    public void An_auth_failure_sent_as_500_surfaces_typed_with_the_server_message()
    {
        _api.Respond("GET", "/api/v1/apps/a-1", """{"success":false,"error":"Unauthorized: invalid API key"}""", 500);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.GetAsync("a-1"));
        Assert.That(ex!.Message, Does.Contain("invalid API key"));
    }

    [Test]
    public void Access_denied_is_a_forbidden_exception()
    {
        _api.Respond("GET", "/api/v1/apps/a-1", """{"success":false,"error":"Access denied"}""", 403);

        Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _api.Client.Apps.GetAsync("a-1"));
    }
}
