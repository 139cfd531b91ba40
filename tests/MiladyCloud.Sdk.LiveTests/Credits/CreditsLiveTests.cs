using System.Net;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Credits;

/// <summary>Credits and billing reads that need no payment provider.</summary>
public sealed class CreditsLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task Summary_quota_and_transactions_read_for_the_key_owner()
    {
        var client = CreateClient();

        var summary = await client.Credits.GetSummaryAsync();
        var quota = await client.Credits.GetQuotaUsageAsync();
        var transactions = await client.Credits.ListTransactionsAsync(limit: 5);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Organization, Is.Not.Null);
            Assert.That(quota, Is.Not.Null);
            Assert.That(transactions, Is.Not.Null);
        });
    }

    [Test]
    public async Task Invoices_pricing_and_billing_settings_read()
    {
        var client = CreateClient();

        var invoices = await client.Credits.ListInvoicesAsync();
        var pricing = await client.Credits.GetPricingAsync();
        var billing = await client.Credits.GetBillingSettingsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(invoices, Is.Not.Null);
            Assert.That(pricing, Is.Not.Null);
            Assert.That(billing, Is.Not.Null);
        });
    }

    [Test]
    public void An_unknown_invoice_is_not_found_and_a_malformed_id_is_refused_before_sending()
    {
        var client = CreateClient();

        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Credits.GetInvoiceAsync("00000000-0000-4000-8000-000000000000"));
        Assert.ThrowsAsync<ArgumentException>(() => client.Credits.GetInvoiceAsync("not-a-uuid"));

        Assert.Multiple(() =>
        {
            Assert.That(missing!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(RequestsSent, Is.EqualTo(1), "the malformed id never left the client");
        });
    }
}
