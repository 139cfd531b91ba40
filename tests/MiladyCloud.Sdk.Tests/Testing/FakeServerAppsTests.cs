using System.Net;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's core app routes through the SDK: CRUD, names, public info, key rotation, chat billed through the app, analytics, characters, deploys.</summary>
public class FakeServerAppsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    private Task<CreateAppResponse> CreateAppAsync(string name = "My App", bool skipRepository = false)
        => _client.Apps.CreateAsync(new CreateAppRequest { Name = name, AppUrl = "https://myapp.example.com", Description = "Helps", AllowedOrigins = ["https://*.partner.example"], SkipGitHubRepo = skipRepository });

    private static ChatCompletionRequest Question(string text, string? user = null)
        => new() { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = text }], User = user };

    [Test]
    public async Task An_app_is_created_listed_got_updated_and_deleted()
    {
        var created = await CreateAppAsync();
        var taken = await _client.Apps.CheckNameAsync("my app");
        var free = await _client.Apps.CheckNameAsync("Other App");
        var conflict = Assert.ThrowsAsync<MiladyCloudApiException>(() => CreateAppAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var updated = await _client.Apps.UpdateAsync(created.App.Id, new UpdateAppRequest { Name = "Renamed", WebsiteUrl = "https://site.example", ContactEmail = "" });
        var got = await _client.Apps.GetAsync(created.App.Id);
        var listed = await _client.Apps.ListAsync();
        var deleted = await _client.Apps.DeleteAsync(created.App.Id, deleteGitHubRepository: false);
        var gone = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Apps.GetAsync(created.App.Id));

        Assert.Multiple(() =>
        {
            var app = created.App;
            Assert.That((app.Name, app.Slug, app.AppUrl, app.Description, app.DeploymentStatus?.ToString()), Is.EqualTo(("My App", "my-app", "https://myapp.example.com", "Helps", "draft")));
            Assert.That((app.OrganizationId, app.TotalRequests, app.TotalCreditsUsed, app.MonetizationEnabled, app.IsActive), Is.EqualTo(("00000000-0000-0000-0000-0000000f0a4e", (long?)0, "0.000000", (bool?)false, (bool?)true)));
            Assert.That(app.AllowedOrigins, Is.EqualTo(new[] { "https://*.partner.example" }));
            Assert.That((app.DiscordAutomation!.Enabled, app.TwitterAutomation!.PostIntervalMin), Is.EqualTo(((bool?)false, (int?)90)));
            Assert.That(app.CreatedAt, Is.EqualTo("2026-11-28T12:00:00.000Z"));
            Assert.That(created.ApiKey, Does.Match("^eliza_[0-9a-f]{64}$"));
            Assert.That(created.GithubRepo, Does.StartWith("fake-organization/my-app-"));
            Assert.That((taken.Available, taken.Slug, taken.ConflictType), Is.EqualTo((false, "my-app", (AppNameConflictType?)AppNameConflictType.App)));
            Assert.That(taken.SuggestedName, Does.Match("^my app-[0-9a-f]{4}$"), "the name, a dash and four hex digits");
            Assert.That((free.Available, free.Slug, free.ConflictType), Is.EqualTo((true, "other-app", (AppNameConflictType?)null)));
            Assert.That(conflict!.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((updated.Name, updated.WebsiteUrl, updated.ContactEmail, updated.UpdatedAt), Is.EqualTo(("Renamed", "https://site.example", (string?)null, "2026-11-28T12:01:00.000Z")));
            Assert.That(got.Name, Is.EqualTo("Renamed"));
            Assert.That(listed.Single().Id, Is.EqualTo(app.Id));
            Assert.That((deleted.Success, deleted.Message), Is.EqualTo((true, "App deleted successfully with all resources cleaned up")));
            Assert.That((deleted.Cleaned!["githubRepoDeleted"].GetBoolean(), deleted.Cleaned["sandboxesStopped"].GetInt32()), Is.EqualTo((false, 0)));
            Assert.That(gone!.RawBody, Is.EqualTo("""{"success":false,"error":"App not found"}"""));
        });
        Assert.That(_fake.Requests.Select(r => r.ToString()), Does.Contain($"DELETE /api/v1/apps/{created.App.Id}?deleteGitHubRepo=false"));
    }

    [Test]
    public async Task Public_info_needs_no_credentials_and_checks_the_redirect()
    {
        var created = await CreateAppAsync();
        using var anonymous = new HttpClient { BaseAddress = _fake.BaseUrl };
        using var raw = await anonymous.GetAsync(new Uri($"apps/{created.App.Id}/public", UriKind.Relative));

        var info = await _client.Apps.GetPublicInfoAsync(created.App.Id, "https://login.partner.example/callback");
        var refused = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Apps.GetPublicInfoAsync(created.App.Id, "https://evil.example/cb"));
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Apps.GetPublicInfoAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(raw.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((info.Id, info.Name, info.Description, info.WebsiteUrl), Is.EqualTo((created.App.Id, "My App", "Helps", (string?)null)));
            Assert.That(refused!.RawBody, Is.EqualTo("""{"success":false,"error":"redirect_uri is not allowed for this app"}"""));
            Assert.That(missing, Is.Not.Null);
        });
    }

    [Test]
    public async Task The_app_key_works_until_it_is_regenerated()
    {
        var created = await CreateAppAsync();
        using var withOldKey = _fake.CreateClient(o => { o.ApiKey = created.ApiKey; o.MaxRetries = 0; });
        Assert.That((await withOldKey.Apps.ListCharactersAsync(created.App.Id)), Is.Empty);

        var rotated = await _client.Apps.RegenerateApiKeyAsync(created.App.Id);
        using var withNewKey = _fake.CreateClient(o => o.ApiKey = rotated.ApiKey);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.ApiKey, Does.Match("^eliza_[0-9a-f]{64}$").And.Not.EqualTo(created.ApiKey));
            Assert.That(rotated.Message, Is.EqualTo("API key regenerated successfully. Make sure to save it securely."));
            Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => withOldKey.Apps.ListCharactersAsync(created.App.Id));
        });
        Assert.That(await withNewKey.Apps.ListCharactersAsync(created.App.Id), Is.Empty);
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Apps.RegenerateApiKeyAsync(Guid.NewGuid().ToString()));
    }

    [Test]
    public async Task Chat_through_a_monetized_app_bills_the_caller_pays_the_creator_and_feeds_the_analytics()
    {
        var created = await CreateAppAsync();
        var id = created.App.Id;
        _fake.Replies.AppChatCost = 0.10m;
        await _client.Apps.Earnings.UpdateMonetizationAsync(id, new UpdateAppMonetizationRequest { MonetizationEnabled = true, InferenceMarkupPercentage = 50 });

        var completion = await _client.Apps.CreateChatCompletionAsync(id, Question("hello app", user: "end-user-1"));
        _clock.Advance(TimeSpan.FromHours(2));
        var streamed = await _client.Apps.StreamChatCompletionAsync(id, Question("and again")).ToCompletionAsync();

        var analytics = await _client.Apps.GetAnalyticsAsync(id, period: "hourly");
        var stats = await _client.Apps.GetRequestStatsAsync(id);
        var logs = await _client.Apps.ListRequestsAsync(id, new AppRequestListOptions { RequestType = "chat", Limit = 1 });
        var allLogs = await _client.Apps.ListAllRequestsAsync(id, new AppRequestListOptions { RequestType = "chat", Limit = 1 }).ToListAsync();
        var visitors = await _client.Apps.ListVisitorsAsync(id);
        var timeline = await _client.Apps.GetRequestTimelineAsync(id, period: "daily");
        var users = await _client.Apps.ListUsersAsync(id, limit: 10);
        var app = await _client.Apps.GetAsync(id);
        var quotas = await _client.Credits.GetQuotaUsageAsync();
        var ledger = await _client.Credits.ListTransactionsAsync();
        var summary = await _client.Credits.GetSummaryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(completion.Choices.Single().Message.Content, Does.EndWith("You said: hello app"));
            Assert.That(streamed.Choices.Single().Message.Content, Does.EndWith("You said: and again"));
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(50m - (2 * 0.15m)), "base cost plus 50 % markup, twice");
            Assert.That((app.TotalRequests, app.TotalUsers, app.TotalCreditsUsed, app.TotalCreatorEarnings, app.TotalPlatformRevenue), Is.EqualTo(((long?)2, (long?)2, "0.300000", "0.100000", "0.200000")));
            Assert.That(app.LastUsedAt, Is.EqualTo("2026-11-28T14:00:00.000Z"));
            Assert.That(analytics.Analytics.Select(r => (r.PeriodStart, r.TotalRequests, r.UniqueUsers, r.NewUsers)), Is.EqualTo(new[] { ("2026-11-28T12:00:00.000Z", 1L, 1L, 0L), ("2026-11-28T14:00:00.000Z", 1L, 1L, 0L) }), "unique users are distinct IPs; new users always 0");
            Assert.That(analytics.Analytics[0].TotalCost, Is.EqualTo("0.150000"));
            Assert.That((analytics.TotalStats.TotalRequests, analytics.TotalStats.TotalUsers, analytics.TotalStats.TotalCreditsUsed, analytics.Period.Type), Is.EqualTo((2L, 2L, "0.300000", "hourly")));
            Assert.That((stats.TotalRequests, stats.UniqueIps, stats.UniqueUsers, stats.TotalCredits, stats.AvgResponseTime), Is.EqualTo(((long?)2, (long?)1, (long?)2, "0.300000", (double?)120)));
            Assert.That((stats.ByType!["chat"], stats.BySource!["api"], stats.ByStatus!["success"]), Is.EqualTo((2L, 2L, 2L)));
            Assert.That((logs.Total, logs.Requests.Single().Model, logs.Requests.Single().CreatedAt, logs.Requests.Single().CreditsUsed), Is.EqualTo(((long?)2, "openai/gpt-5.4", "2026-11-28T14:00:00.000Z", "0.150000")));
            Assert.That((logs.Pagination.Limit, logs.Requests.Single().Status), Is.EqualTo((1, "success")));
            Assert.That(allLogs.Select(r => r.CreatedAt), Is.EqualTo(new[] { "2026-11-28T14:00:00.000Z", "2026-11-28T12:00:00.000Z" }), "both windows, newest first");
            Assert.That(visitors.Single().Ip, Is.EqualTo("127.0.0.1"));
            Assert.That(visitors.Single().RequestCount, Is.EqualTo(2));
            Assert.That(timeline.Timeline.Single().Count, Is.EqualTo(2));
            Assert.That((timeline.Timeline.Single().Period, timeline.Timeline.Single().Credits), Is.EqualTo(("2026-11-28", "0.300000")));
            Assert.That(users.Users.Select(u => u.UserId), Is.EquivalentTo(new[] { "end-user-1", "00000000-0000-0000-0000-00000000fa4e" }));
            Assert.That((users.Pagination.Total, users.Pagination.Limit, users.Users[0].TotalCreditsUsed), Is.EqualTo((2L, 10L, "0.150000")));
            Assert.That((quotas.Global.Used, quotas.ModelSpecific!["openai/gpt-5.4"].Used), Is.EqualTo((0.30m, 0.30m)));
            Assert.That(ledger.Transactions.Select(t => (t.Type, t.Amount)), Is.EqualTo(new[] { ("debit", -0.15m), ("debit", -0.15m) }));
            Assert.That(ledger.Transactions[0].Metadata!.Value.GetProperty("model").GetString(), Is.EqualTo("openai/gpt-5.4"));
            Assert.That((summary.Apps.Single().TotalCreatorEarnings, summary.Apps.Single().InferenceMarkupPercentage, summary.Earnings.TotalEarned), Is.EqualTo((0.10m, 50m, 0.10m)));
        });
        Assert.That(_fake.Requests.Where(r => r.Query.Contains("view=logs", StringComparison.Ordinal)).Select(r => r.Query), Is.EqualTo(new[]
        {
            "view=logs&request_type=chat&limit=1",
            "view=logs&request_type=chat&limit=1&offset=0",
            "view=logs&request_type=chat&limit=1&offset=1",
        }), "the walk stops at the total of 2");
    }

    [Test]
    public async Task Chat_through_an_app_answers_unknown_apps_and_missing_credits_in_the_OpenAI_envelope()
    {
        var created = await CreateAppAsync();
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Apps.CreateChatCompletionAsync(Guid.NewGuid().ToString(), Question("hi")));
        _fake.Replies.CreditBalance = 0.0005m;
        var broke = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => _client.Apps.CreateChatCompletionAsync(created.App.Id, Question("hi")));

        Assert.Multiple(() =>
        {
            Assert.That(unknown!.ServerCode, Is.EqualTo("app_not_found"));
            Assert.That(broke!.ServerCode, Is.EqualTo("insufficient_app_credits"));
            Assert.That((broke.RequiredAmount, broke.Balance), Is.EqualTo(((decimal?)0.0015m, (decimal?)0.0005m)));
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(0.0005m), "nothing is charged when refused");
        });
    }

    [Test]
    public async Task Characters_are_linked_and_listed_with_the_app_key_only()
    {
        var created = await CreateAppAsync();
        var ada = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", Bio = "Math helper" });
        var linked = await _client.Apps.SetCharactersAsync(created.App.Id, [ada.Id]);
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Apps.SetCharactersAsync(created.App.Id, [Guid.NewGuid().ToString()]));
        using var appClient = _fake.CreateClient(o => o.ApiKey = created.ApiKey);
        var characters = await appClient.Apps.ListCharactersAsync(created.App.Id);
        var wrongKey = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Apps.ListCharactersAsync(created.App.Id));

        Assert.Multiple(() =>
        {
            Assert.That(linked, Is.EqualTo(new[] { ada.Id }));
            Assert.That(unknown, Is.Not.Null);
            var character = characters.Single();
            Assert.That((character.Id, character.Name, character.Username, character.IsPublic), Is.EqualTo((ada.Id, "Ada", ada.Username, (bool?)false)));
            Assert.That(character.Bio.Items, Is.EqualTo(new[] { "Math helper" }), "created characters store the bio as a list");
            Assert.That(wrongKey!.RawBody, Is.EqualTo("""{"success":false,"error":"Invalid API key for this app"}"""));
        });
    }

    [Test]
    public async Task A_deploy_builds_then_is_ready_on_the_next_status_read()
    {
        var created = await CreateAppAsync();
        var before = await _client.Apps.GetDeploymentStatusAsync(created.App.Id);
        var deployment = await _client.Apps.DeployAsync(created.App.Id, new DeployAppRequest { Branch = "release", CommitSha = "abc123" });
        var afterDeploy = (await _client.Apps.GetAsync(created.App.Id)).DeploymentStatus?.ToString();
        _clock.Advance(TimeSpan.FromMinutes(2));
        var status = await _client.Apps.GetDeploymentStatusAsync(created.App.Id);
        var app = await _client.Apps.GetAsync(created.App.Id);
        var noRepository = await CreateAppAsync("No Repo", skipRepository: true);
        var refused = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Apps.DeployAsync(noRepository.App.Id));

        Assert.Multiple(() =>
        {
            // The production URL comes from the app's domain record (its subdomain), deployed or not.
            Assert.That((before.DeploymentConfigured, before.ProductionUrl, before.GithubRepo, before.RecentDeployments.Count), Is.EqualTo((true, "https://my-app.apps.fake.invalid", created.GithubRepo, 0)));
            Assert.That(deployment.DeploymentId, Does.StartWith("dpl_"));
            Assert.That(deployment.ProductionUrl, Is.EqualTo("https://my-app.apps.fake.invalid"));
            Assert.That(afterDeploy, Is.EqualTo("deployed"), "the server marks the app deployed once the build is started");
            var recent = status.RecentDeployments.Single();
            Assert.That((recent.Id, recent.State, recent.Url, recent.Target), Is.EqualTo((deployment.DeploymentId, AppHostedDeploymentState.READY, deployment.DeploymentUrl, (AppDeploymentTarget?)AppDeploymentTarget.Production)));
            Assert.That(recent.CreatedAt, Is.EqualTo("2026-11-28T12:00:00.000Z"));
            Assert.That(status.ProductionUrl, Is.EqualTo("https://my-app.apps.fake.invalid"));
            Assert.That((app.DeploymentStatus?.ToString(), app.LastDeployedAt), Is.EqualTo(("deployed", "2026-11-28T12:00:00.000Z")));
            Assert.That(refused!.RawBody, Is.EqualTo("""{"success":false,"error":"App does not have a GitHub repository. Create one first."}"""));
        });
    }
}
