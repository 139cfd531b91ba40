using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's credits and billing routes, driven through the SDK: a balance that purchases change, the ledger, invoices, auto top-up.</summary>
public class FakeServerCreditsTests
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
        _client = _fake.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_checkout_is_paid_at_once_and_shows_in_the_balance_the_ledger_and_the_invoices()
    {
        Assert.That((await _client.Credits.GetBalanceAsync()).Balance, Is.EqualTo(50m));

        var session = await _client.Credits.CreateCheckoutAsync(new CreditCheckoutRequest { Credits = 25, SuccessUrl = "https://app.example/ok", CancelUrl = "https://app.example/cancel" });
        var verified = await _client.Credits.VerifyCheckoutAsync(session.SessionId);
        var balance = await _client.Credits.GetBalanceAsync(fresh: true);
        var ledger = await _client.Credits.ListTransactionsAsync(limit: 10, hours: 24);
        var invoices = await _client.Credits.ListInvoicesAsync();
        var invoice = await _client.Credits.GetInvoiceAsync(invoices.Invoices.Single().Id);

        Assert.Multiple(() =>
        {
            Assert.That(session.SessionId, Does.StartWith("cs_test_"));
            Assert.That(session.Url, Does.EndWith("/c/pay/" + session.SessionId));
            Assert.That((verified.Success, verified.Amount, verified.Message), Is.EqualTo((true, 25m, "Payment verified successfully")));
            Assert.That(balance.Balance, Is.EqualTo(75m));
            var entry = ledger.Transactions.Single();
            Assert.That((entry.Amount, entry.Type, entry.OrganizationId), Is.EqualTo((25m, "credit", "00000000-0000-0000-0000-0000000f0a4e")));
            Assert.That(entry.StripePaymentIntentId, Does.StartWith("pi_test_"));
            Assert.That(entry.CreatedAt, Is.EqualTo("2026-11-28T12:00:00.000Z"));
            Assert.That(ledger.Total, Is.EqualTo(1));
            Assert.That((ledger.Period!.Start, ledger.Period.End), Is.EqualTo(("2026-11-27T12:00:00.000Z", "2026-11-28T12:00:00.000Z")));
            var summary = invoices.Invoices.Single();
            Assert.That((summary.Total, summary.Status, summary.Date, summary.CreditsAdded), Is.EqualTo(("$25.00", "Paid", "Nov 28, 2026, 12:00 PM", 25m)));
            Assert.That(invoices.Count, Is.EqualTo(1));
            Assert.That((invoice.AmountPaid, invoice.AmountDue, invoice.Currency, invoice.Status), Is.EqualTo((25m, 25m, "usd", "paid")));
            Assert.That(invoice.StripePaymentIntentId, Is.EqualTo(entry.StripePaymentIntentId));
            Assert.That(invoice.PaidAt, Is.EqualTo("2026-11-28T12:00:00.000Z"));
        });
        Assert.That(_fake.Requests.Select(r => r.ToString()), Does.Contain("GET /api/credits/transactions?limit=10&hours=24"));
    }

    [Test]
    public async Task Rate_limit_and_cache_headers_follow_the_real_routes()
    {
        using var http = new HttpClient { BaseAddress = _fake.Url };
        http.DefaultRequestHeaders.Add("X-API-Key", MiladyCloudFakeServer.ApiKey);

        using var transactions = await http.GetAsync(new Uri("api/credits/transactions", UriKind.Relative));
        using var balance = await http.GetAsync(new Uri("api/v1/credits/balance", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(transactions.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("60"), "STANDARD preset");
            Assert.That(balance.Headers.Contains("X-RateLimit-Limit"), Is.False, "the balance route is not rate limited");
            Assert.That(balance.Headers.CacheControl!.NoStore, Is.True);
        });
    }

    [Test]
    public void Unknown_sessions_and_invoices_get_the_real_404s()
    {
        var session = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Credits.VerifyCheckoutAsync("cs_test_unknown"));
        var invoice = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Credits.GetInvoiceAsync("00000000-0000-0000-0000-000000000000"));

        Assert.That(session!.RawBody, Is.EqualTo("""{"success":false,"error":"Session not found"}"""));
        Assert.That(invoice!.RawBody, Is.EqualTo("""{"error":"Invoice not found"}"""));
    }

    [Test]
    public async Task Auto_top_up_refuses_until_enabled_does_nothing_above_the_threshold_and_tops_up_below_it()
    {
        var disabled = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Credits.TriggerAutoTopUpAsync());
        var before = await _client.Credits.GetBillingSettingsAsync();
        var enabled = await _client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate { Enabled = true, Amount = 20, Threshold = 10 }, PayAsYouGoFromEarnings = true });
        var notNeeded = Assert.ThrowsAsync<MiladyCloudApiException>(() => _client.Credits.TriggerAutoTopUpAsync());
        _fake.Replies.CreditBalance = 3.5m;
        var topUp = await _client.Credits.TriggerAutoTopUpAsync();
        var after = await _client.Credits.GetBillingSettingsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(disabled!.ServerMessage, Does.StartWith("Auto top-up is not enabled"));
            Assert.That((before.AutoTopUp.Enabled, before.AutoTopUp.Amount, before.AutoTopUp.HasPaymentMethod, before.PayAsYouGoFromEarnings), Is.EqualTo((false, (decimal?)0, (bool?)true, true)));
            Assert.That((before.Limits!.MinAmount, before.Limits.MaxAmount, before.Limits.MinThreshold, before.Limits.MaxThreshold), Is.EqualTo((1m, 1000m, 0m, 1000m)));
            Assert.That((enabled.AutoTopUp.Enabled, enabled.AutoTopUp.Amount, enabled.AutoTopUp.Threshold, enabled.PayAsYouGoFromEarnings, enabled.Limits), Is.EqualTo((true, (decimal?)20, (decimal?)10, true, (BillingLimits?)null)));
            Assert.That(notNeeded!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the real route answers 200 with success:false");
            Assert.That(notNeeded.RawBody, Does.Contain("Balance ($50.00) is above threshold ($10.00). Auto top-up not needed."));
            Assert.That((topUp.Success, topUp.Amount, topUp.PreviousBalance, topUp.NewBalance, topUp.Message), Is.EqualTo((true, (decimal?)20, (decimal?)3.5m, (decimal?)23.5m, "Auto top-up successful! Added $20.00")));
            Assert.That(_fake.Replies.CreditBalance, Is.EqualTo(23.5m));
            Assert.That(after.AutoTopUp.Amount, Is.EqualTo(20m));
        });
    }

    [Test]
    public async Task The_summary_quota_usage_and_pricing_reflect_the_organization()
    {
        var character = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        await _client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate { Enabled = true } });
        await _client.Credits.CreateCheckoutAsync(new CreditCheckoutRequest { Credits = 10, SuccessUrl = "https://a.example/s", CancelUrl = "https://a.example/c" });

        var summary = await _client.Credits.GetSummaryAsync();
        var quotas = await _client.Credits.GetQuotaUsageAsync();
        var pricing = await _client.Credits.GetPricingAsync();

        Assert.Multiple(() =>
        {
            Assert.That((summary.Organization.CreditBalance, summary.Organization.AutoTopUpEnabled, summary.Organization.AutoTopUpAmount, summary.Organization.AutoTopUpThreshold), Is.EqualTo((60m, true, (decimal?)25, (decimal?)5)));
            Assert.That(summary.Organization.Name, Is.EqualTo("Fake Organization"));
            Assert.That(summary.Agents.Single().Id, Is.EqualTo(character.Id));
            Assert.That((summary.Agents.Single().Name, summary.Agents.Single().HasBudget, summary.Agents.Single().DailyLimit), Is.EqualTo(("Ada", false, (decimal?)null)));
            Assert.That(summary.AgentsSummary.Total, Is.EqualTo(1));
            Assert.That(summary.Apps, Is.Empty);
            Assert.That(summary.Earnings.Breakdown.Miniapps, Is.Zero);
            Assert.That(summary.RecentTransactions.Single().Amount, Is.EqualTo(10m));
            Assert.That((summary.Pricing.CreditsPerDollar, summary.Pricing.MinimumTopUp, summary.Pricing.X402Enabled), Is.EqualTo((100, 5m, true)));
            Assert.That((quotas.Global.Used, quotas.Global.Limit, quotas.ModelSpecific), Is.EqualTo((0m, (decimal?)null, new Dictionary<string, QuotaUsageEntry>())));
            Assert.That(pricing.AsOf, Is.EqualTo("2026-11-28T12:00:00.000Z"));
            Assert.That(pricing.Pricing.Keys, Is.EquivalentTo(new[] { "generate-image", "generate-video", "chat-completions", "voice-tts", "voice-stt", "voice-clone" }));
            Assert.That((pricing.Pricing["voice-stt"].Unit, pricing.Pricing["voice-stt"].Cost), Is.EqualTo(("minute", (decimal?)0.006m)));
            Assert.That(pricing.Pricing["generate-image"].EstimatedRange!.Max, Is.EqualTo(0.08m));
        });
    }
}
