using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

/// <summary>Analytics, users, characters and deployment of an app.</summary>
public class AppInsightsTests
{
    private const string C1 = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d01";
    private const string C2 = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d02";
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 4, 2, 12, 30, 0, TimeSpan.FromHours(2));
    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    /// <summary>The server aggregates rows from its request log on the fly: five members, nothing else.</summary>
    [Test]
    public async Task GetAnalyticsAsync_sends_period_and_range_and_maps_the_servers_five_member_rows()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/analytics", """
            {"success":true,"analytics":[{"period_start":"2026-04-01T00:00:00.000Z","total_requests":10,"unique_users":3,"new_users":0,"total_cost":"0.012300"}],
             "totalStats":{"totalRequests":42,"totalUsers":7,"totalCreditsUsed":"0.150000"},"period":{"type":"hourly","start":"2026-04-01T00:00:00.000Z","end":"2026-04-02T10:30:00.000Z"}}
            """);

        var result = await _api.Client.Apps.GetAnalyticsAsync("a-1", "hourly", Start, End);

        _api.AssertRequest("GET", "/api/v1/apps/a-1/analytics?period=hourly&start_date=2026-04-01T00%3A00%3A00.000Z&end_date=2026-04-02T10%3A30%3A00.000Z");
        var row = result.Analytics.Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.PeriodStart, Is.EqualTo("2026-04-01T00:00:00.000Z"));
            Assert.That(row.TotalRequests, Is.EqualTo(10));
            Assert.That(row.UniqueUsers, Is.EqualTo(3));
            Assert.That(row.NewUsers, Is.EqualTo(0));
            Assert.That(row.TotalCost, Is.EqualTo("0.012300"));
            Assert.That(row.AdditionalProperties, Is.Empty);
            Assert.That(result.TotalStats.TotalRequests, Is.EqualTo(42));
            Assert.That(result.TotalStats.TotalCreditsUsed, Is.EqualTo("0.150000"));
            Assert.That(result.Period.Type, Is.EqualTo("hourly"));
            Assert.That(result.Period.End, Is.EqualTo("2026-04-02T10:30:00.000Z"));
        });
    }

    [Test]
    public void GetAnalyticsAsync_rejects_an_unknown_period_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.GetAnalyticsAsync("a-1", "weekly"));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task GetRequestStatsAsync_asks_for_the_stats_view()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/analytics/requests", """
            {"success":true,"stats":{"totalRequests":12,"uniqueIps":4,"uniqueUsers":3,"byType":{"chat":10,"image":2},"bySource":{"api":12},"byStatus":{"success":11,"failed":1},"totalCredits":"0.42","avgResponseTime":null}}
            """);

        var stats = await _api.Client.Apps.GetRequestStatsAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/analytics/requests?view=stats");
        Assert.Multiple(() =>
        {
            Assert.That(stats.TotalRequests, Is.EqualTo(12));
            Assert.That(stats.UniqueIps, Is.EqualTo(4));
            Assert.That(stats.UniqueUsers, Is.EqualTo(3));
            Assert.That(stats.ByType!["image"], Is.EqualTo(2));
            Assert.That(stats.BySource!["api"], Is.EqualTo(12));
            Assert.That(stats.ByStatus!["failed"], Is.EqualTo(1));
            Assert.That(stats.TotalCredits, Is.EqualTo("0.42"));
            Assert.That(stats.AvgResponseTime, Is.Null);
        });
    }

    [Test]
    public async Task ListRequestsAsync_sends_filters_and_paging_and_maps_requests()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/analytics/requests", """
            {"success":true,"requests":[{"id":"q-1","app_id":"a-1","request_type":"chat","source":"api","ip_address":"1.2.3.4","user_agent":"ua","country":"DE","city":"Berlin",
              "user_id":"u-1","model":"gpt-4o","input_tokens":5,"output_tokens":7,"credits_used":"0.001","response_time_ms":120,"status":"success","error_message":null,
              "metadata":{"k":"v"},"created_at":"2026-04-01T00:00:00Z"}],"total":31,"pagination":{"limit":10,"offset":20}}
            """);

        var page = await _api.Client.Apps.ListRequestsAsync("a-1", new AppRequestListOptions { RequestType = "chat", Source = "api", Limit = 10, Offset = 20 });

        _api.AssertRequest("GET", "/api/v1/apps/a-1/analytics/requests?view=logs&request_type=chat&source=api&limit=10&offset=20");
        var request = page.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(page.Total, Is.EqualTo(31));
            Assert.That(page.Pagination.Limit, Is.EqualTo(10));
            Assert.That(page.Pagination.Offset, Is.EqualTo(20));
            Assert.That(request.RequestType, Is.EqualTo("chat"));
            Assert.That(request.IpAddress, Is.EqualTo("1.2.3.4"));
            Assert.That(request.Country, Is.EqualTo("DE"));
            Assert.That(request.City, Is.EqualTo("Berlin"));
            Assert.That(request.Model, Is.EqualTo("gpt-4o"));
            Assert.That(request.InputTokens, Is.EqualTo(5));
            Assert.That(request.OutputTokens, Is.EqualTo(7));
            Assert.That(request.CreditsUsed, Is.EqualTo("0.001"));
            Assert.That(request.ResponseTimeMs, Is.EqualTo(120));
            Assert.That(request.Status, Is.EqualTo("success"));
            Assert.That(request.Metadata!["k"].GetString(), Is.EqualTo("v"));
        });
    }

    [TestCase(0, null)]
    [TestCase(101, null)]
    [TestCase(null, -1)]
    public void ListRequestsAsync_rejects_paging_out_of_range_before_sending(int? limit, int? offset)
    {
        var options = new AppRequestListOptions { Limit = limit, Offset = offset };

        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.ListRequestsAsync("a-1", options));
        Assert.Throws<ArgumentException>(() => _api.Client.Apps.ListAllRequestsAsync("a-1", options));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task ListAllRequestsAsync_keeps_the_filters_on_every_window_and_stops_at_the_total()
    {
        const string Path = "/api/v1/apps/a-1/analytics/requests";
        _api.RespondAtOffset(Path, 0, RequestWindow(5, "q-1", "q-2"));
        _api.RespondAtOffset(Path, 2, RequestWindow(5, "q-3", "q-4"));
        _api.RespondAtOffset(Path, 4, RequestWindow(5, "q-5"));
        _api.RespondAtOffset(Path, 6, RequestWindow(5, "never"));

        var ids = new List<string>();
        await foreach (var request in _api.Client.Apps.ListAllRequestsAsync("a-1", new AppRequestListOptions { RequestType = "chat", Source = "embed", Start = Start, Limit = 2 }))
        {
            ids.Add(request.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "q-1", "q-2", "q-3", "q-4", "q-5" }));
        Assert.That(_api.Queries, Is.EqualTo(new[] { 0, 2, 4 }.Select(offset => $"?view=logs&start_date=2026-04-01T00%3A00%3A00.000Z&request_type=chat&source=embed&limit=2&offset={offset}")));
    }

    [Test]
    public async Task ListAllRequestsAsync_starts_at_the_offset_and_stops_at_an_empty_window_whatever_the_total()
    {
        const string Path = "/api/v1/apps/a-1/analytics/requests";
        _api.RespondAtOffset(Path, 10, RequestWindow(500, "q-11"));
        _api.RespondAtOffset(Path, 11, RequestWindow(500));

        var ids = new List<string>();
        await foreach (var request in _api.Client.Apps.ListAllRequestsAsync("a-1", new AppRequestListOptions { Offset = 10 }))
        {
            ids.Add(request.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "q-11" }));
        Assert.That(_api.Queries, Is.EqualTo(new[] { "?view=logs&limit=100&offset=10", "?view=logs&limit=100&offset=11" }));
    }

    private static string RequestWindow(long total, params string[] ids)
    {
        var items = string.Join(',', ids.Select(id => $$"""{"id":"{{id}}","app_id":"a-1","request_type":"chat","source":"embed","status":"success","created_at":"2026-04-01T00:00:00Z"}"""));
        return $$$"""{"success":true,"requests":[{{{items}}}],"total":{{{total}}},"pagination":{"limit":2,"offset":0}}""";
    }

    [Test]
    public async Task ListVisitorsAsync_asks_for_the_visitors_view()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/analytics/requests", """{"success":true,"visitors":[{"ip":"1.2.3.4","requestCount":9,"lastSeen":"2026-04-01T00:00:00Z"}]}""");

        var visitor = (await _api.Client.Apps.ListVisitorsAsync("a-1", Start)).Single();

        _api.AssertRequest("GET", "/api/v1/apps/a-1/analytics/requests?view=visitors&start_date=2026-04-01T00%3A00%3A00.000Z");
        Assert.That((visitor.Ip, visitor.RequestCount, visitor.LastSeen), Is.EqualTo(("1.2.3.4", 9L, "2026-04-01T00:00:00Z")));
    }

    [Test]
    public async Task GetRequestTimelineAsync_asks_for_the_timeline_view()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/analytics/requests", """{"success":true,"timeline":[{"period":"2026-04-01","count":5,"credits":"0.05"}],"period":{"type":"daily","start":"a","end":"b"}}""");

        var timeline = await _api.Client.Apps.GetRequestTimelineAsync("a-1", "daily");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/analytics/requests?view=timeline&period=daily");
        var point = timeline.Timeline.Single();
        Assert.Multiple(() =>
        {
            Assert.That(point.Period, Is.EqualTo("2026-04-01"));
            Assert.That(point.Count, Is.EqualTo(5));
            Assert.That(point.Credits, Is.EqualTo("0.05"));
            Assert.That(timeline.Period.Type, Is.EqualTo("daily"));
        });
    }

    [Test]
    public async Task ListUsersAsync_sends_the_limit_and_maps_users()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/users", """
            {"success":true,"users":[{"id":"au-1","app_id":"a-1","user_id":"u-1","signup_source":"oauth","referral_code_used":"R1","ip_address":"1.2.3.4","user_agent":"ua",
              "total_requests":3,"total_credits_used":"0.30","first_seen_at":"2026-04-01T00:00:00Z","last_seen_at":"2026-04-02T00:00:00Z","metadata":{}}],"pagination":{"total":1,"limit":5}}
            """);

        var list = await _api.Client.Apps.ListUsersAsync("a-1", 5);

        _api.AssertRequest("GET", "/api/v1/apps/a-1/users?limit=5");
        var user = list.Users.Single();
        Assert.Multiple(() =>
        {
            Assert.That(user.UserId, Is.EqualTo("u-1"));
            Assert.That(user.SignupSource, Is.EqualTo("oauth"));
            Assert.That(user.ReferralCodeUsed, Is.EqualTo("R1"));
            Assert.That(user.TotalRequests, Is.EqualTo(3));
            Assert.That(user.TotalCreditsUsed, Is.EqualTo("0.30"));
            Assert.That(user.LastSeenAt, Is.EqualTo("2026-04-02T00:00:00Z"));
            Assert.That(list.Pagination.Total, Is.EqualTo(1));
            Assert.That(list.Pagination.Limit, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task ListCharactersAsync_maps_characters_with_either_bio_shape()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/characters", """
            {"success":true,"characters":[{"id":"c-1","name":"Ada","username":"ada","avatar_url":"https://a","bio":"One line","is_public":true},
                                          {"id":"c-2","name":"Bob","username":null,"avatar_url":null,"bio":["a","b"],"is_public":false}]}
            """);

        var characters = await _api.Client.Apps.ListCharactersAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/characters");
        Assert.Multiple(() =>
        {
            Assert.That(characters[0].Name, Is.EqualTo("Ada"));
            Assert.That(characters[0].Username, Is.EqualTo("ada"));
            Assert.That(characters[0].AvatarUrl!.Value.GetString(), Is.EqualTo("https://a"));
            Assert.That(characters[0].Bio.Text, Is.EqualTo("One line"));
            Assert.That(characters[0].IsPublic, Is.True);
            Assert.That(characters[1].Bio.Items, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public async Task SetCharactersAsync_puts_the_ids()
    {
        _api.Respond("PUT", "/api/v1/apps/a-1/characters", $$"""{"success":true,"linked_character_ids":["{{C1}}","{{C2}}"]}""");

        var linked = await _api.Client.Apps.SetCharactersAsync("a-1", [C1, C2]);

        _api.AssertRequest("PUT", "/api/v1/apps/a-1/characters", $$"""{"character_ids":["{{C1}}","{{C2}}"]}""");
        Assert.That(linked, Is.EqualTo(new[] { C1, C2 }));
    }

    [Test]
    public void SetCharactersAsync_rejects_more_than_four_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.SetCharactersAsync("a-1", [C1, C2, C1, C2, C1]));
        _api.AssertNothingSent();
    }

    /// <summary>The server looks each id up unchecked, so a non-UUID reaches Postgres and comes back as a 500.</summary>
    [Test]
    public void SetCharactersAsync_rejects_an_id_that_is_not_a_uuid_before_sending()
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.SetCharactersAsync("a-1", [C1, "c-2"]));
        Assert.That(ex!.Message, Does.Contain("UUID"));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task GetDeploymentStatusAsync_maps_the_configuration()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/deploy", """
            {"success":true,"productionUrl":"https://p","deploymentConfigured":true,"githubRepo":"org/r",
             "recentDeployments":[{"id":"d-1","state":"READY","url":"https://d-1.example","createdAt":"2026-04-01T00:00:00.000Z","target":"production"},
                                  {"id":"d-2","state":"QUEUED","createdAt":"2026-04-01T00:01:00.000Z","target":null}]}
            """);

        var info = await _api.Client.Apps.GetDeploymentStatusAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/deploy");
        Assert.Multiple(() =>
        {
            Assert.That(info.ProductionUrl, Is.EqualTo("https://p"));
            Assert.That(info.DeploymentConfigured, Is.True);
            Assert.That(info.GithubRepo, Is.EqualTo("org/r"));
            Assert.That(info.RecentDeployments[0].State, Is.EqualTo(AppHostedDeploymentState.READY));
            Assert.That(info.RecentDeployments[0].Target, Is.EqualTo(AppDeploymentTarget.Production));
            Assert.That(info.RecentDeployments[0].Url, Is.EqualTo("https://d-1.example"));
            Assert.That(info.RecentDeployments[1].Target, Is.Null);
        });
    }

    [Test]
    public async Task DeployAsync_posts_branch_target_and_commit()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/deploy", """{"success":true,"deploymentId":"d-1","deploymentUrl":"https://d","productionUrl":"https://p"}""");

        var deployment = await _api.Client.Apps.DeployAsync("a-1", new DeployAppRequest { Branch = "release", Target = "preview", CommitSha = "abc123" });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/deploy", """{"branch":"release","target":"preview","commitSha":"abc123"}""");
        Assert.That((deployment.DeploymentId, deployment.DeploymentUrl, deployment.ProductionUrl), Is.EqualTo(("d-1", "https://d", "https://p")));
    }

    [Test]
    public async Task DeployAsync_without_settings_sends_an_empty_object()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/deploy", """{"success":true,"deploymentId":"d-1","deploymentUrl":"https://d"}""");

        await _api.Client.Apps.DeployAsync("a-1");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/deploy", "{}");
    }

    [Test]
    public void DeployAsync_rejects_an_unknown_target_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.DeployAsync("a-1", new DeployAppRequest { Target = "staging" }));
        _api.AssertNothingSent();
    }
}
