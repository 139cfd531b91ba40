using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Credits;

public class CreditsClientTests : WireMockClientTests
{
    [Test]
    public async Task GetBalanceAsync_gets_the_balance_with_the_api_key()
    {
        Respond("/api/v1/credits/balance", "GET", """{"balance":50.25}""");

        var balance = await Api.Client.Credits.GetBalanceAsync();

        Assert.That(balance.Balance, Is.EqualTo(50.25m));
        var sent = Sent();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo("GET"));
            Assert.That(sent.Url, Does.EndWith("/api/v1/credits/balance"));
            Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
            Assert.That(sent.Headers.ContainsKey("Cookie"), Is.False);
        });
    }

    [Test]
    public async Task GetBalanceAsync_fresh_adds_the_query()
    {
        Respond("/api/v1/credits/balance", "GET", """{"balance":0}""");

        await Api.Client.Credits.GetBalanceAsync(fresh: true);

        Assert.That(Sent().Query!["fresh"].Single(), Is.EqualTo("true"));
    }

    [Test]
    public async Task GetSummaryAsync_maps_every_field()
    {
        Respond("/api/v1/credits/summary", "GET", """
            {"success":true,
             "organization":{"id":"org-1","name":"My Org","creditBalance":50,"autoTopUpEnabled":true,"autoTopUpThreshold":5,"autoTopUpAmount":null,"hasPaymentMethod":true},
             "agents":[{"id":"a-1","name":"My Assistant","isPublic":false,"monetizationEnabled":true,"hasBudget":true,"allocated":10,"spent":2.5,"available":7.5,
                        "dailyLimit":5,"dailySpent":1,"dailyRemaining":4,"isPaused":true,"pauseReason":"budget","totalEarnings":0.5,"totalRequests":150}],
             "agentsSummary":{"total":3,"withBudget":2,"paused":1,"totalAllocated":20,"totalSpent":5,"totalAvailable":15},
             "apps":[{"id":"app-1","name":"Customer Portal","slug":"customer-portal","monetizationEnabled":true,"inferenceMarkupPercentage":20,"totalCreatorEarnings":125.5,"totalPlatformRevenue":31.38}],
             "earnings":{"availableBalance":125.5,"totalEarned":200,"totalRedeemed":74.5,"totalPending":1,"breakdown":{"miniapps":100,"agents":75,"mcps":25}},
             "recentTransactions":[{"id":"t-1","type":"debit","amount":-0.05,"description":"Chat: openai/gpt-5.4","createdAt":"2026-04-27T10:30:00.000Z"}],
             "pricing":{"creditsPerDollar":100,"minimumTopUp":5,"x402Enabled":true}}
            """);

        var s = await Api.Client.Credits.GetSummaryAsync();

        var org = s.Organization;
        var agent = s.Agents.Single();
        var app = s.Apps.Single();
        var tx = s.RecentTransactions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Success, Is.True);
            Assert.That((org.Id, org.Name, org.CreditBalance, org.AutoTopUpEnabled, org.AutoTopUpThreshold, org.AutoTopUpAmount, org.HasPaymentMethod),
                Is.EqualTo(("org-1", "My Org", 50m, true, (decimal?)5m, (decimal?)null, true)));
            Assert.That((agent.Id, agent.Name, agent.IsPublic, agent.MonetizationEnabled, agent.HasBudget, agent.Allocated, agent.Spent, agent.Available),
                Is.EqualTo(("a-1", "My Assistant", false, true, true, 10m, 2.5m, 7.5m)));
            Assert.That((agent.DailyLimit, agent.DailySpent, agent.DailyRemaining, agent.IsPaused, agent.PauseReason, agent.TotalEarnings, agent.TotalRequests),
                Is.EqualTo(((decimal?)5m, 1m, (decimal?)4m, true, "budget", 0.5m, 150L)));
            var sum = s.AgentsSummary;
            Assert.That((sum.Total, sum.WithBudget, sum.Paused, sum.TotalAllocated, sum.TotalSpent, sum.TotalAvailable), Is.EqualTo((3, 2, 1, 20m, 5m, 15m)));
            Assert.That((app.Id, app.Name, app.Slug, app.MonetizationEnabled, app.InferenceMarkupPercentage, app.TotalCreatorEarnings, app.TotalPlatformRevenue),
                Is.EqualTo(("app-1", "Customer Portal", "customer-portal", true, 20m, 125.5m, 31.38m)));
            var e = s.Earnings;
            Assert.That((e.AvailableBalance, e.TotalEarned, e.TotalRedeemed, e.TotalPending), Is.EqualTo((125.5m, 200m, 74.5m, 1m)));
            Assert.That((e.Breakdown.Miniapps, e.Breakdown.Agents, e.Breakdown.Mcps), Is.EqualTo((100m, 75m, 25m)));
            Assert.That((tx.Id, tx.Type, tx.Amount, tx.Description, tx.CreatedAt), Is.EqualTo(("t-1", "debit", -0.05m, "Chat: openai/gpt-5.4", "2026-04-27T10:30:00.000Z")));
            Assert.That((s.Pricing.CreditsPerDollar, s.Pricing.MinimumTopUp, s.Pricing.X402Enabled), Is.EqualTo((100, 5m, true)));
        });
    }

    [Test]
    public async Task CreateCheckoutAsync_posts_the_snake_case_body_and_maps_the_session()
    {
        Respond("/api/v1/credits/checkout", "POST", """{"url":"https://checkout.stripe.com/c/pay/cs_1","sessionId":"cs_1"}""");

        var session = await Api.Client.Credits.CreateCheckoutAsync(new CreditCheckoutRequest
        {
            Credits = 25.5m, SuccessUrl = "https://cloud.milady.ai/billing/ok", CancelUrl = "https://cloud.milady.ai/billing",
        });

        Assert.That((session.Url, session.SessionId), Is.EqualTo(("https://checkout.stripe.com/c/pay/cs_1", "cs_1")));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.That(body.RootElement.GetRawText(), Is.EqualTo("""{"credits":25.5,"success_url":"https://cloud.milady.ai/billing/ok","cancel_url":"https://cloud.milady.ai/billing"}"""));
    }

    [TestCase(0.5, "https://a.example/ok", "https://a.example/no")]
    [TestCase(1000.01, "https://a.example/ok", "https://a.example/no")]
    [TestCase(10, "/relative", "https://a.example/no")]
    [TestCase(10, "https://a.example/ok", "ftp://a.example/no")]
    public void CreateCheckoutAsync_rejects_bad_input_before_sending(double credits, string success, string cancel)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.CreateCheckoutAsync(new CreditCheckoutRequest
        {
            Credits = (decimal)credits, SuccessUrl = success, CancelUrl = cancel,
        }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task VerifyCheckoutAsync_sends_the_session_id_query_and_maps_the_payment()
    {
        Respond("/api/v1/credits/verify", "GET", """{"success":true,"amount":50,"message":"Payment verified successfully"}""");

        var result = await Api.Client.Credits.VerifyCheckoutAsync("cs_1 &x");

        Assert.That((result.Success, result.Amount, result.Message), Is.EqualTo((true, (decimal?)50m, "Payment verified successfully")));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.Query!["session_id"].Single(), Is.EqualTo("cs_1 &x"));
        Assert.That(sent.Query.ContainsKey("x"), Is.False);
    }

    [Test]
    public void VerifyCheckoutAsync_unpaid_200_is_an_api_exception()
    {
        Respond("/api/v1/credits/verify", "GET", """{"success":false,"error":"Payment not completed","status":"unpaid"}""");

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => Api.Client.Credits.VerifyCheckoutAsync("cs_1"));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.Message, Does.Contain("Payment not completed"));
        Assert.That(ex.RawBody, Does.Contain("\"unpaid\""));
    }

    [Test]
    public void VerifyCheckoutAsync_rejects_an_empty_id_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.VerifyCheckoutAsync(" "));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task ListTransactionsAsync_reads_the_site_route_with_limit_and_hours()
    {
        Respond("/api/credits/transactions", "GET", """
            {"transactions":[{"id":"t-1","organization_id":"org-1","amount":-0.5,"type":"debit","description":"Image","metadata":{"model":"x"},
              "stripe_payment_intent_id":null,"created_at":"2026-04-27T10:30:00.000Z"}],"total":1,"period":{"start":"2026-04-26T10:30:00.000Z","end":"2026-04-27T10:30:00.000Z"}}
            """);

        var list = await Api.Client.Credits.ListTransactionsAsync(limit: 10, hours: 24);

        var tx = list.Transactions.Single();
        Assert.Multiple(() =>
        {
            Assert.That((tx.Id, tx.OrganizationId, tx.Amount, tx.Type, tx.Description, tx.StripePaymentIntentId, tx.CreatedAt),
                Is.EqualTo(("t-1", "org-1", -0.5m, "debit", "Image", (string?)null, "2026-04-27T10:30:00.000Z")));
            Assert.That(tx.Metadata!.Value.GetProperty("model").GetString(), Is.EqualTo("x"));
            Assert.That(list.Total, Is.EqualTo(1));
            Assert.That((list.Period!.Start, list.Period.End), Is.EqualTo(("2026-04-26T10:30:00.000Z", "2026-04-27T10:30:00.000Z")));
        });
        var sent = Sent();
        Assert.That(sent.Query!["limit"].Single(), Is.EqualTo("10"));
        Assert.That(sent.Query["hours"].Single(), Is.EqualTo("24"));
    }

    [Test]
    public void ListTransactionsAsync_rejects_non_positive_numbers_before_sending()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Credits.ListTransactionsAsync(limit: 0));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Credits.ListTransactionsAsync(hours: -1));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetQuotaUsageAsync_maps_global_and_per_model_quotas()
    {
        Respond("/api/quotas/usage", "GET", """
            {"success":true,"data":{"global":{"used":12.5,"limit":null,"periodEnd":null},"modelSpecific":{"openai/gpt-5.4":{"used":3,"limit":10,"periodEnd":"2026-05-01T00:00:00.000Z"}}}}
            """);

        var usage = await Api.Client.Credits.GetQuotaUsageAsync();

        var model = usage.ModelSpecific!["openai/gpt-5.4"];
        Assert.Multiple(() =>
        {
            Assert.That((usage.Global.Used, usage.Global.Limit, usage.Global.PeriodEnd), Is.EqualTo((12.5m, (decimal?)null, (string?)null)));
            Assert.That((model.Used, model.Limit, model.PeriodEnd), Is.EqualTo((3m, (decimal?)10m, "2026-05-01T00:00:00.000Z")));
        });
    }

    [Test]
    public async Task ListInvoicesAsync_keeps_the_display_strings()
    {
        Respond("/api/invoices/list", "GET", """
            {"invoices":[{"id":"inv-1","stripeInvoiceId":"in_1","date":"Apr 27, 2026, 10:30 AM","total":"$25.00","status":"Paid","invoiceUrl":"https://pay.example/i","invoicePdf":"https://pay.example/i.pdf","type":"credit_purchase","creditsAdded":25}],"count":1}
            """);

        var list = await Api.Client.Credits.ListInvoicesAsync();

        var inv = list.Invoices.Single();
        Assert.That(list.Count, Is.EqualTo(1));
        Assert.That((inv.Id, inv.StripeInvoiceId, inv.Date, inv.Total, inv.Status, inv.InvoiceUrl, inv.InvoicePdf, inv.Type, inv.CreditsAdded),
            Is.EqualTo(("inv-1", "in_1", "Apr 27, 2026, 10:30 AM", "$25.00", "Paid", "https://pay.example/i", "https://pay.example/i.pdf", "credit_purchase", (decimal?)25m)));
    }

    [Test]
    public async Task GetInvoiceAsync_escapes_the_id_and_maps_every_field()
    {
        Respond("/api/invoices/*", "GET", """
            {"invoice":{"id":"8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e","stripeInvoiceId":"in_1","stripeCustomerId":"cus_1","stripePaymentIntentId":"pi_1","amountDue":25,"amountPaid":25,
             "currency":"usd","status":"paid","invoiceType":"credit_purchase","invoiceNumber":"A-1","invoicePdf":"p","hostedInvoiceUrl":"h","creditsAdded":25,
             "metadata":{"k":"v"},"createdAt":"c","updatedAt":"u","dueDate":null,"paidAt":"p2"}}
            """);

        var inv = await Api.Client.Credits.GetInvoiceAsync("8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e");

        Assert.Multiple(() =>
        {
            Assert.That((inv.Id, inv.StripeInvoiceId, inv.StripeCustomerId, inv.StripePaymentIntentId, inv.AmountDue, inv.AmountPaid),
                Is.EqualTo(("8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e", "in_1", "cus_1", "pi_1", 25m, 25m)));
            Assert.That((inv.Currency, inv.Status, inv.InvoiceType, inv.InvoiceNumber, inv.InvoicePdf, inv.HostedInvoiceUrl, inv.CreditsAdded),
                Is.EqualTo(("usd", "paid", "credit_purchase", "A-1", "p", "h", (decimal?)25m)));
            Assert.That(inv.Metadata!.Value.GetProperty("k").GetString(), Is.EqualTo("v"));
            Assert.That((inv.CreatedAt, inv.UpdatedAt, inv.DueDate, inv.PaidAt), Is.EqualTo(("c", "u", (string?)null, "p2")));
        });
        Assert.That(Sent().AbsoluteUrl, Does.EndWith("/api/invoices/8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e"));
    }

    [Test]
    public async Task GetPricingAsync_maps_entries_by_operation()
    {
        Respond("/api/v1/pricing/summary", "GET", """
            {"asOf":"2026-04-27T10:30:00.000Z","pricing":{
              "generate-image":{"unit":"image","isVariable":true,"estimatedRange":{"min":0.01,"max":0.08},"description":"Per image"},
              "voice-stt":{"unit":"minute","cost":0.006,"description":"Per minute"}},"warnings":["tts price unavailable"]}
            """);

        var pricing = await Api.Client.Credits.GetPricingAsync();

        var image = pricing.Pricing["generate-image"];
        var stt = pricing.Pricing["voice-stt"];
        Assert.Multiple(() =>
        {
            Assert.That(pricing.AsOf, Is.EqualTo("2026-04-27T10:30:00.000Z"));
            Assert.That((image.Unit, image.IsVariable, image.EstimatedRange!.Min, image.EstimatedRange.Max, image.Description, image.Cost),
                Is.EqualTo(("image", (bool?)true, 0.01m, 0.08m, "Per image", (decimal?)null)));
            Assert.That((stt.Unit, stt.Cost, stt.Description), Is.EqualTo(("minute", (decimal?)0.006m, "Per minute")));
            Assert.That(pricing.Warnings, Is.EqualTo(new[] { "tts price unavailable" }));
        });
    }

    [Test]
    public async Task GetBillingSettingsAsync_maps_settings_and_limits()
    {
        Respond("/api/v1/billing/settings", "GET", """
            {"success":true,"settings":{"autoTopUp":{"enabled":true,"amount":25,"threshold":5,"hasPaymentMethod":true},"payAsYouGoFromEarnings":true,
             "limits":{"minAmount":1,"maxAmount":1000,"minThreshold":0,"maxThreshold":1000}}}
            """);

        var settings = await Api.Client.Credits.GetBillingSettingsAsync();

        var auto = settings.AutoTopUp;
        var limits = settings.Limits!;
        Assert.Multiple(() =>
        {
            Assert.That((auto.Enabled, auto.Amount, auto.Threshold, auto.HasPaymentMethod), Is.EqualTo((true, (decimal?)25m, (decimal?)5m, (bool?)true)));
            Assert.That(settings.PayAsYouGoFromEarnings, Is.True);
            Assert.That((limits.MinAmount, limits.MaxAmount, limits.MinThreshold, limits.MaxThreshold), Is.EqualTo((1m, 1000m, 0m, 1000m)));
        });
    }

    [Test]
    public async Task UpdateBillingSettingsAsync_puts_only_the_given_fields()
    {
        Respond("/api/v1/billing/settings", "PUT", """
            {"success":true,"message":"Billing settings updated successfully","settings":{"autoTopUp":{"enabled":true,"amount":30,"threshold":5,"hasPaymentMethod":true},"payAsYouGoFromEarnings":false}}
            """);

        var settings = await Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate { Amount = 30 } });

        Assert.That((settings.AutoTopUp.Amount, settings.PayAsYouGoFromEarnings, settings.Limits), Is.EqualTo(((decimal?)30m, false, (BillingLimits?)null)));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("PUT"));
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(), Is.EqualTo("""{"autoTopUp":{"amount":30}}"""));
    }

    [Test]
    public void UpdateBillingSettingsAsync_rejects_bad_input_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest()));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate() }));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate { Amount = 0.5m } }));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { AutoTopUp = new AutoTopUpUpdate { Threshold = 1001 } }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void UpdateBillingSettingsAsync_service_refusal_is_an_invalid_request()
    {
        Respond("/api/v1/billing/settings", "PUT", """{"success":false,"error":"Cannot enable auto top-up without a payment method"}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => Api.Client.Credits.UpdateBillingSettingsAsync(new UpdateBillingSettingsRequest { PayAsYouGoFromEarnings = true }));

        Assert.That(ex!.Message, Does.Contain("Cannot enable auto top-up"));
    }

    [Test]
    public async Task TriggerAutoTopUpAsync_posts_to_the_site_route_and_maps_the_result()
    {
        Respond("/api/auto-top-up/trigger", "POST", """{"success":true,"message":"Auto top-up successful! Added $25.00","amount":25,"previousBalance":3.5,"newBalance":28.5}""");

        var result = await Api.Client.Credits.TriggerAutoTopUpAsync();

        Assert.That((result.Success, result.Message, result.Amount, result.PreviousBalance, result.NewBalance, result.CurrentBalance, result.Threshold),
            Is.EqualTo((true, "Auto top-up successful! Added $25.00", (decimal?)25m, (decimal?)3.5m, (decimal?)28.5m, (decimal?)null, (decimal?)null)));
        Assert.That(Sent().Method, Is.EqualTo("POST"));
    }

    [Test]
    public void TriggerAutoTopUpAsync_above_threshold_200_is_an_api_exception()
    {
        Respond("/api/auto-top-up/trigger", "POST", """{"success":false,"message":"Balance ($30.00) is above threshold ($5.00). Auto top-up not needed.","currentBalance":30,"threshold":5}""");

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => Api.Client.Credits.TriggerAutoTopUpAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.Message, Does.Contain("Auto top-up not needed"));
    }

    [Test]
    public void TriggerAutoTopUpAsync_is_not_retried_after_a_server_error()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 3; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/auto-top-up/trigger").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("bad gateway"));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Credits.TriggerAutoTopUpAsync());

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public void An_error_never_shows_the_api_key()
    {
        Respond("/api/v1/credits/balance", "GET", "{\"success\":false,\"error\":\"Invalid or expired API key " + FakeApi.ApiKey + "\",\"code\":\"authentication_required\"}", 401);

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => Api.Client.Credits.GetBalanceAsync());

        Assert.That(ex!.Message, Does.Not.Contain(FakeApi.ApiKey));
        Assert.That(ex.ToString(), Does.Not.Contain(FakeApi.ApiKey));
    }

    [Test]
    public async Task Invoice_ids_are_escaped_and_site_routes_leave_api_v1()
    {
        var handler = RecordingHandler.Json("""{"invoice":{"id":"x","amountDue":1,"amountPaid":1}}""");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        Assert.ThrowsAsync<ArgumentException>(() => client.Credits.GetInvoiceAsync("a/b c"), "not a UUID: the service would answer 500");
        await client.Credits.GetInvoiceAsync("8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e");

        Assert.That(handler.Requests.Single().RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/invoices/8b4d2f3c-5e6a-4b7c-9d0e-1f2a3b4c5d6e"));
    }
}
