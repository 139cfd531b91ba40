using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake's app routes fail the way the server's handlers do: each family has its own answer to a bad credential or
/// an unknown app (some with an empty 500), and the validation bodies and charges are the server's.
/// </summary>
public class FakeServerAppFailuresTests
{
    private const string UnknownKey = "eliza_00000000000000000000000000000000000000000000000000000000000000ff";
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;
    private HttpClient _http = null!;
    private string _appId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
        _http = new HttpClient { BaseAddress = _fake.Url };
        _appId = (await _client.Apps.CreateAsync(new CreateAppRequest { Name = "Shop", AppUrl = "https://shop.example" })).App.Id;
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _client.Dispose();
        _fake.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string method, string path, string? json = null, string? key = MiladyCloudFakeServer.ApiKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Without_any_credential_the_edge_answers_401_in_the_library_envelope()
    {
        var (status, body) = await SendAsync("GET", "/api/v1/apps", key: null);

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.Unauthorized, """{"success":false,"error":"Unauthorized","code":"authentication_required"}""")));
    }

    [TestCase("GET", "", HttpStatusCode.InternalServerError, """{"success":false,"error":"Invalid or expired API key"}""")]
    [TestCase("GET", "/characters", HttpStatusCode.Unauthorized, """{"success":false,"error":"Authentication required"}""")]
    [TestCase("POST", "/earnings/withdraw", HttpStatusCode.Unauthorized, """{"success":false,"error":"Invalid or expired API key","code":"authentication_required"}""")]
    [TestCase("GET", "/domains", HttpStatusCode.InternalServerError, "")]
    [TestCase("GET", "/twitter-automation", HttpStatusCode.InternalServerError, "")]
    public async Task An_unknown_api_key_gets_each_handlers_own_answer(string method, string sub, HttpStatusCode expected, string expectedBody)
    {
        var (status, body) = await SendAsync(method, $"/api/v1/apps/{_appId}{sub}", method == "POST" ? "{}" : null, UnknownKey);

        Assert.That((status, body), Is.EqualTo((expected, expectedBody)));
    }

    [Test]
    public async Task Unknown_apps_on_the_twitter_and_promote_routes_are_an_empty_500()
    {
        var unknown = Guid.NewGuid().ToString();

        var twitter = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => _client.Apps.Automation.GetTwitterAsync(unknown));
        var promote = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => _client.Apps.Promotion.GetSuggestionsAsync(unknown));
        var (tweetStatus, tweetBody) = await SendAsync("POST", $"/api/v1/apps/{unknown}/twitter-automation/post", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(twitter!.RawBody, Is.Null.Or.Empty);
            Assert.That(promote!.RawBody, Is.Null.Or.Empty);
            Assert.That((tweetStatus, tweetBody), Is.EqualTo((HttpStatusCode.NotFound, """{"error":"App not found"}""")), "the post route catches it");
        });
    }

    [Test]
    public async Task Public_info_of_an_id_that_is_not_a_uuid_is_a_500()
    {
        var (status, body) = await SendAsync("GET", "/api/v1/apps/my-app/public", key: null);

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.InternalServerError, """{"success":false,"error":"Failed to get app info"}""")));
    }

    [Test]
    public async Task A_promotion_without_the_five_twitter_switches_is_refused_with_the_routes_validation_body()
    {
        var (status, body) = await SendAsync("POST", $"/api/v1/apps/{_appId}/promote", """{"channels":["twitter_automation"],"twitterAutomation":{"enabled":true}}""");

        using var json = JsonDocument.Parse(body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("Invalid request"));
        Assert.That(json.RootElement.GetProperty("details").GetProperty("fieldErrors").TryGetProperty("twitterAutomation", out _), Is.True);
    }

    [TestCase("""{"announceIntervalMax":100}""", "announceIntervalMax must be >= 120 (default min)")]
    [TestCase("""{"announceIntervalMin":300}""", "announceIntervalMin must be <= 240 (default max)")]
    [TestCase("""{"announceIntervalMin":200,"announceIntervalMax":100}""", "announceIntervalMin must be less than announceIntervalMax")]
    public async Task Discord_automation_applies_the_one_sided_interval_rules(string json, string message)
    {
        var (status, body) = await SendAsync("POST", $"/api/v1/apps/{_appId}/discord-automation", json);

        using var error = JsonDocument.Parse(body);
        Assert.That((status, error.RootElement.GetProperty("error").GetString(), error.RootElement.EnumerateObject().Count()), Is.EqualTo((HttpStatusCode.BadRequest, message, 1)));
    }

    [Test]
    public async Task Twitter_enable_ignores_enabled_false_and_keeps_only_its_schemas_members()
    {
        var result = await _client.Apps.Automation.EnableTwitterAsync(_appId, new AppTwitterAutomationRequest { Enabled = false, AutoPost = true });
        var (_, raw) = await SendAsync("POST", $"/api/v1/apps/{_appId}/twitter-automation", """{"agentCharacterId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d01"}""");

        Assert.That(result.TwitterAutomation!.Enabled, Is.True);
        Assert.That(raw, Does.Not.Contain("agentCharacterId"), "the route's schema drops it");
    }

    [Test]
    public async Task Previews_are_charged_and_a_platform_the_balance_cannot_cover_is_reported_with_200()
    {
        _fake.Replies.CreditBalance = 0.002m;

        var preview = await _client.Apps.Promotion.PreviewPostsAsync(_appId, new PreviewAppPromotionPostsRequest { Platforms = ["discord", "twitter"], Count = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(preview.Previews.Select(p => p.Platform.Value), Is.EqualTo(new[] { "discord", "discord" }));
            Assert.That(preview.Errors, Is.EqualTo(new[] { "Twitter: Insufficient credits for AI generation. Required: $0.0060" }));
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(0.002m - (2 * 0.0006m)));
        });
    }

    [Test]
    public async Task An_ai_written_discord_announcement_without_credits_is_the_routes_500()
    {
        await _client.Apps.Automation.EnableDiscordAsync(_appId, new AppDiscordAutomationRequest { AutoAnnounce = true });
        _fake.Replies.CreditBalance = 0;

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => _client.Apps.Automation.PostDiscordAnnouncementAsync(_appId));
        var withText = await _client.Apps.Automation.PostDiscordAnnouncementAsync(_appId, "Written by hand");

        Assert.That(ex!.RawBody, Is.EqualTo("""{"error":"Failed to post announcement"}"""));
        Assert.That(withText.MessageId, Is.Not.Empty, "a written announcement costs nothing");
    }

    [Test]
    public async Task Generating_assets_makes_one_card_and_a_banner_whatever_the_sizes_and_replaces_the_assets()
    {
        await _client.Apps.Promotion.GenerateAssetsAsync(_appId, new GenerateAppPromotionAssetsRequest { IncludeAdBanners = true });
        var second = await _client.Apps.Promotion.GenerateAssetsAsync(_appId, new GenerateAppPromotionAssetsRequest { Sizes = ["facebook_feed", "instagram_story"], IncludeCopy = false });
        var app = await _client.Apps.GetAsync(_appId);
        var (status, _) = await SendAsync("POST", $"/api/v1/apps/{_appId}/promote/assets", """{"sizes":["billboard"]}""");

        Assert.Multiple(() =>
        {
            Assert.That(second.Assets.Select(a => a.Type.Value), Is.EqualTo(new[] { "social_card" }));
            Assert.That((second.Copy, second.CreditsUsed), Is.EqualTo(((JsonElement?)null, 0.012)));
            Assert.That(app.PromotionalAssets!.Select(a => a.Url), Is.EqualTo(second.Assets.Select(a => a.Url)));
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), "an unknown size name is refused");
        });
    }

    [Test]
    public async Task Withdrawal_failures_use_the_routes_success_flag_body_in_the_servers_order()
    {
        var off = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Apps.Earnings.WithdrawAsync(_appId, new WithdrawAppEarningsRequest { Amount = 30 }));
        await _client.Apps.Earnings.UpdateMonetizationAsync(_appId, new UpdateAppMonetizationRequest { MonetizationEnabled = true });
        var broke = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Apps.Earnings.WithdrawAsync(_appId, new WithdrawAppEarningsRequest { Amount = 30 }));

        Assert.That(off!.RawBody, Is.EqualTo("""{"success":false,"error":"Monetization is not enabled for this app"}"""));
        Assert.That(broke!.RawBody, Is.EqualTo("""{"success":false,"error":"Insufficient withdrawable balance: $0.00"}"""));
    }
}
