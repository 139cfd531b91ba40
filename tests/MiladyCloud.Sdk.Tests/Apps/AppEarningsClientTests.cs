using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppEarningsClientTests
{
    private const string MonetizationJson = """{"success":true,"monetization":{"monetizationEnabled":true,"inferenceMarkupPercentage":15,"purchaseSharePercentage":10,"platformOffsetAmount":0.5,"totalCreatorEarnings":12.5}}""";
    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task GetMonetizationAsync_maps_the_settings()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/monetization", MonetizationJson);

        var settings = await _api.Client.Apps.Earnings.GetMonetizationAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/monetization");
        Assert.Multiple(() =>
        {
            Assert.That(settings.MonetizationEnabled, Is.True);
            Assert.That(settings.InferenceMarkupPercentage, Is.EqualTo(15));
            Assert.That(settings.PurchaseSharePercentage, Is.EqualTo(10));
            Assert.That(settings.PlatformOffsetAmount, Is.EqualTo(0.5));
            Assert.That(settings.TotalCreatorEarnings, Is.EqualTo(12.5));
        });
    }

    [Test]
    public async Task UpdateMonetizationAsync_puts_only_the_given_fields()
    {
        _api.Respond("PUT", "/api/v1/apps/a-1/monetization", MonetizationJson);

        await _api.Client.Apps.Earnings.UpdateMonetizationAsync("a-1", new UpdateAppMonetizationRequest { MonetizationEnabled = true, InferenceMarkupPercentage = 15 });

        _api.AssertRequest("PUT", "/api/v1/apps/a-1/monetization", """{"monetizationEnabled":true,"inferenceMarkupPercentage":15}""");
    }

    [TestCase(1001, null)]
    [TestCase(-1, null)]
    [TestCase(null, 101)]
    public void UpdateMonetizationAsync_rejects_out_of_range_percentages_before_sending(double? markup, double? share)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Earnings.UpdateMonetizationAsync("a-1", new UpdateAppMonetizationRequest { InferenceMarkupPercentage = markup, PurchaseSharePercentage = share }));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task GetAsync_sends_days_and_maps_summary_breakdown_transactions_and_chart()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/earnings", """
            {"success":true,"earnings":{
               "summary":{"totalLifetimeEarnings":12.5,"totalInferenceEarnings":10.0,"totalPurchaseEarnings":2.5,"pendingBalance":1.0,"withdrawableBalance":11.5,"totalWithdrawn":0,"payoutThreshold":25},
               "breakdown":{"today":{"period":"day","inferenceEarnings":0.2,"purchaseEarnings":0,"total":0.2},"thisWeek":{"period":"week","total":1},"thisMonth":{"period":"month","total":5},"allTime":{"period":"all","total":12.5}},
               "recentTransactions":[{"id":"t-1","app_id":"a-1","user_id":null,"type":"inference_markup","amount":"0.0012","description":"Markup","created_at":"2026-04-27T10:00:00Z","metadata":{}}],
               "chartData":[{"date":"2026-04-26","inferenceEarnings":0.3,"purchaseEarnings":0,"total":0.3}]},
             "monetization":{"enabled":true,"inferenceMarkupPercentage":15,"purchaseSharePercentage":10,"platformOffsetAmount":0,"totalCreatorEarnings":12.5,"totalPlatformRevenue":70.8}}
            """);

        var result = await _api.Client.Apps.Earnings.GetAsync("a-1", days: 7);

        _api.AssertRequest("GET", "/api/v1/apps/a-1/earnings?days=7");
        var earnings = result.Earnings;
        Assert.Multiple(() =>
        {
            Assert.That(earnings.Summary!.TotalLifetimeEarnings, Is.EqualTo(12.5));
            Assert.That(earnings.Summary.TotalInferenceEarnings, Is.EqualTo(10.0));
            Assert.That(earnings.Summary.TotalPurchaseEarnings, Is.EqualTo(2.5));
            Assert.That(earnings.Summary.PendingBalance, Is.EqualTo(1.0));
            Assert.That(earnings.Summary.WithdrawableBalance, Is.EqualTo(11.5));
            Assert.That(earnings.Summary.TotalWithdrawn, Is.EqualTo(0));
            Assert.That(earnings.Summary.PayoutThreshold, Is.EqualTo(25));
            Assert.That(earnings.Breakdown!.Today!.InferenceEarnings, Is.EqualTo(0.2));
            Assert.That(earnings.Breakdown.ThisWeek!.Total, Is.EqualTo(1));
            Assert.That(earnings.Breakdown.ThisMonth!.Total, Is.EqualTo(5));
            Assert.That(earnings.Breakdown.AllTime!.Period, Is.EqualTo("all"));
            Assert.That(earnings.RecentTransactions!.Single().Type, Is.EqualTo(AppEarningsTransactionType.InferenceMarkup));
            Assert.That(earnings.RecentTransactions!.Single().Amount, Is.EqualTo("0.0012"));
            Assert.That(earnings.ChartData!.Single().Date, Is.EqualTo("2026-04-26"));
            Assert.That(earnings.ChartData!.Single().Total, Is.EqualTo(0.3));
            Assert.That(result.Monetization!.Enabled, Is.True);
            Assert.That(result.Monetization.TotalPlatformRevenue, Is.EqualTo(70.8));
        });
    }

    [Test]
    public async Task GetAsync_accepts_a_null_summary()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/earnings", """
            {"success":true,"earnings":{"summary":null,"breakdown":{"today":{"period":"day","inferenceEarnings":0,"purchaseEarnings":0,"total":0}},"recentTransactions":[],"chartData":[]},
             "monetization":{"enabled":false,"inferenceMarkupPercentage":0,"purchaseSharePercentage":0,"platformOffsetAmount":0,"totalCreatorEarnings":0,"totalPlatformRevenue":0}}
            """);

        var result = await _api.Client.Apps.Earnings.GetAsync("a-1");

        Assert.That(result.Earnings.Summary, Is.Null);
        _api.AssertRequest("GET", "/api/v1/apps/a-1/earnings");
    }

    [TestCase(0)]
    [TestCase(91)]
    public void GetAsync_rejects_days_out_of_range_before_sending(int days)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Earnings.GetAsync("a-1", days));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task ListHistoryAsync_sends_paging_and_type()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/earnings/history", """{"success":true,"transactions":[{"id":"t-2","app_id":"a-1","user_id":"u-1","type":"withdrawal","amount":"-25.00","description":"Withdrawal","created_at":"2026-04-27T10:00:00Z","metadata":{}}],"pagination":{"limit":10,"offset":0,"hasMore":true}}""");

        var history = await _api.Client.Apps.Earnings.ListHistoryAsync("a-1", new AppEarningsHistoryListOptions { Limit = 10, Offset = 0, Type = AppEarningsTransactionType.Withdrawal });

        _api.AssertRequest("GET", "/api/v1/apps/a-1/earnings/history?limit=10&offset=0&type=withdrawal");
        Assert.That(history.Transactions.Single().Amount, Is.EqualTo("-25.00"));
        Assert.That(history.Pagination.HasMore, Is.True);
        Assert.That(history.Transactions.Single().UserId, Is.EqualTo("u-1"));
    }

    [Test]
    public void ListHistoryAsync_rejects_an_unknown_type_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Earnings.ListHistoryAsync("a-1", new AppEarningsHistoryListOptions { Type = new AppEarningsTransactionType("refund") }));
        _api.AssertNothingSent();
    }

    [TestCase(0, null, null)]
    [TestCase(101, null, null)]
    [TestCase(null, -1, null)]
    [TestCase(null, null, "refund")]
    public void History_options_are_checked_before_sending_and_before_the_walk_starts(int? limit, int? offset, string? type)
    {
        var options = new AppEarningsHistoryListOptions { Limit = limit, Offset = offset, Type = type is null ? (AppEarningsTransactionType?)null : new AppEarningsTransactionType(type) };

        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Earnings.ListHistoryAsync("a-1", options));
        Assert.Throws<ArgumentException>(() => _api.Client.Apps.Earnings.ListAllHistoryAsync("a-1", options));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task ListAllHistoryAsync_walks_by_offset_until_a_window_is_not_full()
    {
        const string Path = "/api/v1/apps/a-1/earnings/history";
        _api.RespondAtOffset(Path, 5, HistoryWindow(5, hasMore: true, ("t-1", "withdrawal"), ("t-2", "purchase_share")));
        _api.RespondAtOffset(Path, 7, HistoryWindow(7, hasMore: true, ("t-3", "adjustment"), ("t-4", "withdrawal")));
        _api.RespondAtOffset(Path, 9, HistoryWindow(9, hasMore: false, ("t-5", "withdrawal")));
        _api.RespondAtOffset(Path, 11, HistoryWindow(11, hasMore: false, ("never", "withdrawal")));

        var ids = new List<string>();
        await foreach (var entry in _api.Client.Apps.Earnings.ListAllHistoryAsync("a-1", new AppEarningsHistoryListOptions { Limit = 2, Offset = 5 }))
        {
            ids.Add(entry.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "t-1", "t-2", "t-3", "t-4", "t-5" }));
        Assert.That(_api.Queries, Is.EqualTo(new[] { "?limit=2&offset=5", "?limit=2&offset=7", "?limit=2&offset=9" }));
    }

    [Test]
    public async Task ListAllHistoryAsync_with_a_type_walks_the_unfiltered_history_and_keeps_that_type()
    {
        // The server ignores the offset of a filtered query, so paging it would read the newest window forever.
        const string Path = "/api/v1/apps/a-1/earnings/history";
        _api.RespondAtOffset(Path, 0, HistoryWindow(0, hasMore: true, ("t-1", "purchase_share"), ("t-2", "adjustment")));
        _api.RespondAtOffset(Path, 2, HistoryWindow(2, hasMore: true, ("t-3", "withdrawal"), ("t-4", "purchase_share")));
        _api.RespondAtOffset(Path, 4, HistoryWindow(4, hasMore: false));

        var ids = new List<string>();
        await foreach (var entry in _api.Client.Apps.Earnings.ListAllHistoryAsync("a-1", new AppEarningsHistoryListOptions { Limit = 2, Type = AppEarningsTransactionType.PurchaseShare }))
        {
            ids.Add(entry.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "t-1", "t-4" }));
        Assert.That(_api.Queries, Is.EqualTo(new[] { "?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=4" }), "no type on the wire, and a window without a match does not end the walk");
    }

    [Test]
    public async Task ListAllHistoryAsync_asks_for_windows_of_100_by_default()
    {
        _api.RespondAtOffset("/api/v1/apps/a-1/earnings/history", 0, HistoryWindow(0, hasMore: false, ("t-1", "withdrawal")));

        var entries = new List<AppEarningsTransaction>();
        await foreach (var entry in _api.Client.Apps.Earnings.ListAllHistoryAsync("a-1"))
        {
            entries.Add(entry);
        }

        Assert.That((entries.Single().Id, entries.Single().Type), Is.EqualTo(("t-1", AppEarningsTransactionType.Withdrawal)));
        Assert.That(_api.Queries, Is.EqualTo(new[] { "?limit=100&offset=0" }));
    }

    private static string HistoryWindow(int offset, bool hasMore, params (string Id, string Type)[] entries)
    {
        var items = string.Join(',', entries.Select(e => $$$"""{"id":"{{{e.Id}}}","app_id":"a-1","user_id":null,"type":"{{{e.Type}}}","amount":"1.00","description":null,"created_at":"2026-04-27T10:00:00Z","metadata":{}}"""));
        var more = hasMore ? "true" : "false";
        return $$$"""{"success":true,"transactions":[{{{items}}}],"pagination":{"limit":2,"offset":{{{offset}}},"hasMore":{{{more}}}}}""";
    }

    [Test]
    public async Task WithdrawAsync_posts_amount_and_idempotency_key()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/earnings/withdraw", """{"success":true,"message":"Withdrawal processed","transactionId":"t-9","newBalance":6.5}""");

        var result = await _api.Client.Apps.Earnings.WithdrawAsync("a-1", new WithdrawAppEarningsRequest { Amount = 25, IdempotencyKey = "withdraw-2026-04-27" });

        _api.AssertRequest("POST", "/api/v1/apps/a-1/earnings/withdraw", """{"amount":25,"idempotency_key":"withdraw-2026-04-27"}""");
        Assert.That((result.Message, result.TransactionId, result.NewBalance), Is.EqualTo(("Withdrawal processed", "t-9", (double?)6.5)));
    }

    [TestCase(0, null)]
    [TestCase(1_000_001, null)]
    [TestCase(25, "short")]
    public void WithdrawAsync_rejects_bad_input_before_sending(double amount, string? key)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Earnings.WithdrawAsync("a-1", new WithdrawAppEarningsRequest { Amount = amount, IdempotencyKey = key }));
        _api.AssertNothingSent();
    }

    [Test]
    public void WithdrawAsync_is_not_repeated_after_an_ambiguous_failure()
    {
        using var api = new Infrastructure.FakeApi(o => o.MaxRetries = 2);
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v1/apps/a-1/earnings/withdraw").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(502));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Apps.Earnings.WithdrawAsync("a-1", new WithdrawAppEarningsRequest { Amount = 25 }));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }
}
