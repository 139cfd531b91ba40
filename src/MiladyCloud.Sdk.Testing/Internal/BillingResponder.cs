using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// Billing settings (auto top-up off until enabled; the fake's organization has a saved card), the auto top-up trigger
/// and the invoices of purchases.
/// </summary>
internal sealed class BillingResponder(FakeLedger ledger)
{
    private const string InvoicesPrefix = "/api/invoices/";
    private readonly object _gate = new();
    private bool _autoTopUp;
    private decimal? _amount;
    private decimal? _threshold;
    // The organization column's default.
    private bool _payFromEarnings = true;

    /// <summary>The auto top-up state for the credit summary: enabled, threshold, amount.</summary>
    public (bool Enabled, decimal? Threshold, decimal? Amount) AutoTopUp
    {
        get
        {
            lock (_gate)
            {
                return (_autoTopUp, _threshold, _amount);
            }
        }
    }

    public FakeResponse? Route(FakeCall call) => (call.Method, call.Path) switch
    {
        ("GET", "/api/v1/billing/settings") => FakeResponse.Json(Settings(withLimits: true, message: null)),
        ("PUT", "/api/v1/billing/settings") => Update(call.Body),
        ("POST", "/api/auto-top-up/trigger") => Trigger(),
        ("GET", "/api/invoices/list") => List(),
        ("GET", _) when call.Path.StartsWith(InvoicesPrefix, StringComparison.Ordinal) => Get(Uri.UnescapeDataString(call.Path[InvoicesPrefix.Length..])),
        _ => null,
    };

    private FakeResponse Update(JsonElement body)
    {
        var autoTopUp = FakeFormat.Member(body, "autoTopUp");
        var amount = FakeFormat.Number(autoTopUp, "amount");
        var threshold = FakeFormat.Number(autoTopUp, "threshold");
        if (amount is < 1 or > 1000 || threshold is < 0 or > 1000)
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"_errors":["amount must be 1-1000 and threshold 0-1000"]}}""", HttpStatusCode.BadRequest);
        }

        lock (_gate)
        {
            _autoTopUp = FakeFormat.Bool(autoTopUp, "enabled") ?? _autoTopUp;
            // Enabling without values uses the dashboard's defaults ($25 when below $5).
            _amount = amount ?? _amount ?? (_autoTopUp ? 25m : null);
            _threshold = threshold ?? _threshold ?? (_autoTopUp ? 5m : null);
            _payFromEarnings = FakeFormat.Bool(body, "payAsYouGoFromEarnings") ?? _payFromEarnings;
        }

        return FakeResponse.Json(Settings(withLimits: false, message: "Billing settings updated successfully"));
    }

    private string Settings(bool withLimits, string? message) => JsonText.Object(w =>
    {
        var (enabled, threshold, amount) = AutoTopUp;
        w.WriteBoolean("success", true);
        if (message is not null)
        {
            w.WriteString("message", message);
        }

        w.WriteStartObject("settings");
        w.WriteStartObject("autoTopUp");
        w.WriteBoolean("enabled", enabled);
        // The service reads unset columns as 0 (`Number(org.auto_top_up_amount || 0)`), never null.
        w.WriteNumber("amount", amount ?? 0);
        w.WriteNumber("threshold", threshold ?? 0);
        w.WriteBoolean("hasPaymentMethod", true);
        w.WriteEndObject();
        lock (_gate)
        {
            w.WriteBoolean("payAsYouGoFromEarnings", _payFromEarnings);
        }

        if (withLimits)
        {
            w.WriteStartObject("limits");
            w.WriteNumber("minAmount", 1);
            w.WriteNumber("maxAmount", 1000);
            w.WriteNumber("minThreshold", 0);
            w.WriteNumber("maxThreshold", 1000);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private FakeResponse Trigger()
    {
        var (enabled, threshold, amount) = AutoTopUp;
        if (!enabled || threshold is not { } limit || amount is not { } topUp)
        {
            return FakeResponse.Json("""{"error":"Auto top-up is not enabled","message":"Please enable auto top-up first"}""", HttpStatusCode.BadRequest);
        }

        var before = ledger.Balance;
        if (before >= limit)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", false);
                w.WriteString("message", $"Balance (${FakeFormat.Money(before)}) is above threshold (${FakeFormat.Money(limit)}). Auto top-up not needed.");
                w.WriteNumber("currentBalance", before);
                w.WriteNumber("threshold", limit);
            }));
        }

        ledger.Purchase(topUp, $"Auto top-up: ${FakeFormat.Money(topUp)}", "auto_top_up");
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("message", $"Auto top-up successful! Added ${FakeFormat.Money(topUp)}");
            w.WriteNumber("amount", topUp);
            w.WriteNumber("previousBalance", before);
            w.WriteNumber("newBalance", before + topUp);
        }));
    }

    private FakeResponse List()
    {
        var invoices = ledger.Invoices();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("invoices");
            foreach (var invoice in invoices)
            {
                w.WriteStartObject();
                w.WriteString("id", invoice.Id);
                w.WriteString("stripeInvoiceId", invoice.StripeInvoiceId);
                // Display strings, as the dashboard shows them.
                w.WriteString("date", invoice.CreatedAt.UtcDateTime.ToString("MMM d, yyyy, h:mm tt", CultureInfo.InvariantCulture));
                w.WriteString("total", "$" + FakeFormat.Money(invoice.Amount));
                w.WriteString("status", "Paid");
                w.WriteString("invoiceUrl", HostedUrl(invoice));
                w.WriteString("invoicePdf", PdfUrl(invoice));
                w.WriteString("type", invoice.Type);
                w.WriteNumber("creditsAdded", invoice.Amount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("count", invoices.Count);
        }));
    }

    private FakeResponse Get(string id)
    {
        var invoice = ledger.Invoices().FirstOrDefault(i => i.Id == id);
        if (invoice is null)
        {
            return FakeFormat.PlainError(HttpStatusCode.NotFound, "Invoice not found");
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartObject("invoice");
            w.WriteString("id", invoice.Id);
            w.WriteString("stripeInvoiceId", invoice.StripeInvoiceId);
            w.WriteString("stripeCustomerId", "cus_test_fa4e");
            w.WriteString("stripePaymentIntentId", invoice.PaymentIntentId);
            w.WriteNumber("amountDue", invoice.Amount);
            w.WriteNumber("amountPaid", invoice.Amount);
            w.WriteString("currency", "usd");
            w.WriteString("status", "paid");
            w.WriteString("invoiceType", invoice.Type);
            w.WriteString("invoiceNumber", invoice.Number);
            w.WriteString("invoicePdf", PdfUrl(invoice));
            w.WriteString("hostedInvoiceUrl", HostedUrl(invoice));
            w.WriteNumber("creditsAdded", invoice.Amount);
            w.WriteStartObject("metadata");
            w.WriteString("organizationId", FakeAccount.OrganizationId);
            w.WriteEndObject();
            w.WriteString("createdAt", FakeFormat.Iso(invoice.CreatedAt));
            w.WriteString("updatedAt", FakeFormat.Iso(invoice.CreatedAt));
            w.WriteNull("dueDate");
            w.WriteString("paidAt", FakeFormat.Iso(invoice.CreatedAt));
            w.WriteEndObject();
        }));
    }

    private static string HostedUrl(FakeLedger.Invoice invoice) => "https://invoices.fake.invalid/i/" + invoice.StripeInvoiceId;

    private static string PdfUrl(FakeLedger.Invoice invoice) => "https://invoices.fake.invalid/i/" + invoice.StripeInvoiceId + "/pdf";
}
