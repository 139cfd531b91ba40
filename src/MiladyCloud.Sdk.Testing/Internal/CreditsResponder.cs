using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// Credits: balance, summary, Stripe checkout (paid at once in the fake: the credits, a ledger entry and an invoice
/// appear when the session is created) and its verification, the ledger, quota usage and the pricing summary.
/// Billing settings, auto top-up and invoices are in <see cref="BillingResponder"/>.
/// </summary>
internal sealed class CreditsResponder(FakeLedger ledger, BillingResponder billing, CreditSummaryWriter summary, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, decimal> _sessions = new(StringComparer.Ordinal);

    public FakeResponse? Route(FakeCall call) => (call.Method, call.Path) switch
    {
        ("GET", "/api/v1/credits/balance") or ("GET", "/api/credits/balance") => Balance(),
        ("GET", "/api/v1/credits/summary") => FakeResponse.Json(summary.Write()),
        ("POST", "/api/v1/credits/checkout") => Checkout(call.Body),
        ("GET", "/api/v1/credits/verify") => Verify(call.QueryValue("session_id")),
        ("GET", "/api/credits/transactions") => Transactions(FakeQuery.Int(call.Query, "limit") ?? 100, FakeQuery.Int(call.Query, "hours")),
        ("GET", "/api/quotas/usage") => Quotas(),
        ("GET", "/api/v1/pricing/summary") => Pricing(),
        _ => billing.Route(call),
    };

    private FakeResponse Balance()
    {
        var response = FakeResponse.Json(JsonText.Object(w => w.WriteNumber("balance", ledger.Balance)));
        response.Headers["Cache-Control"] = "no-store, no-cache, must-revalidate, max-age=0";
        response.Headers["Pragma"] = "no-cache";
        response.Headers["Expires"] = "0";
        return response;
    }

    private FakeResponse Checkout(JsonElement body)
    {
        var credits = FakeFormat.Number(body, "credits");
        var problem = credits is not (>= 1 and <= 1000) ? "credits must be between 1 and 1000"
            : !IsWebUrl(FakeFormat.Text(body, "success_url")) ? "success_url must be a valid URL"
            : !IsWebUrl(FakeFormat.Text(body, "cancel_url")) ? "cancel_url must be a valid URL"
            : null;
        if (problem is not null)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", "Invalid request");
                w.WriteStartObject("details");
                w.WriteStartArray("_errors");
                w.WriteStringValue(problem);
                w.WriteEndArray();
                w.WriteEndObject();
            }), HttpStatusCode.BadRequest);
        }

        var sessionId = "cs_test_" + FakeFormat.Hex(16);
        _sessions[sessionId] = credits!.Value;
        ledger.Purchase(credits.Value, $"Credit purchase: ${FakeFormat.Money(credits.Value)}", "credit_purchase");
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("url", "https://checkout.fake.invalid/c/pay/" + sessionId);
            w.WriteString("sessionId", sessionId);
        }));
    }

    private FakeResponse Verify(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "session_id is required");
        }

        return _sessions.TryGetValue(sessionId, out var amount)
            ? FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteNumber("amount", amount);
                w.WriteString("message", "Payment verified successfully");
            }))
            : FakeFormat.Failure(HttpStatusCode.NotFound, "Session not found");
    }

    /// <summary>The newest <paramref name="limit"/> entries, then only those of the last <paramref name="hours"/> (the server's order of filters).</summary>
    private FakeResponse Transactions(int limit, int? hours)
    {
        var now = clock.GetUtcNow();
        var entries = ledger.Entries().Take(Math.Max(0, limit)).Where(e => hours is not { } h || e.CreatedAt >= now.AddHours(-h)).ToList();
        var start = hours is { } window ? now.AddHours(-window) : entries.Select(e => e.CreatedAt).DefaultIfEmpty(now).Min();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("transactions");
            foreach (var entry in entries)
            {
                w.WriteStartObject();
                w.WriteString("id", entry.Id);
                w.WriteString("organization_id", FakeAccount.OrganizationId);
                w.WriteNumber("amount", entry.Amount);
                w.WriteString("type", entry.Type);
                w.WriteString("description", entry.Description);
                w.WriteStartObject("metadata");
                if (entry.Model is not null)
                {
                    w.WriteString("model", entry.Model);
                }

                w.WriteEndObject();
                FakeFormat.WriteNullable(w, "stripe_payment_intent_id", entry.PaymentIntentId);
                w.WriteString("created_at", FakeFormat.Iso(entry.CreatedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total", entries.Count);
            w.WriteStartObject("period");
            w.WriteString("start", FakeFormat.Iso(start));
            w.WriteString("end", FakeFormat.Iso(now));
            w.WriteEndObject();
        }));
    }

    /// <summary>Spending so far, overall and per model; the fake sets no quota limits.</summary>
    private FakeResponse Quotas()
    {
        var debits = ledger.Entries().Where(e => e.Amount < 0).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            WriteQuota(w, "global", -debits.Sum(e => e.Amount));
            w.WriteStartObject("modelSpecific");
            foreach (var model in debits.Where(e => e.Model is not null).GroupBy(e => e.Model!))
            {
                WriteQuota(w, model.Key, -model.Sum(e => e.Amount));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteQuota(Utf8JsonWriter w, string name, decimal used)
    {
        w.WriteStartObject(name);
        w.WriteNumber("used", used);
        w.WriteNull("limit");
        w.WriteNull("periodEnd");
        w.WriteEndObject();
    }

    private FakeResponse Pricing() => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("asOf", FakeFormat.Iso(clock.GetUtcNow()));
        w.WriteStartObject("pricing");
        WriteRange(w, "generate-image", "image", 0.01m, 0.08m, "Image generation, depending on the model");
        WriteRange(w, "generate-video", "video", 0.50m, 3.00m, "Video generation, depending on the model and length");
        WriteRange(w, "chat-completions", "1k tokens", 0.0001m, 0.06m, "Chat completions, depending on the model");
        WriteRange(w, "voice-tts", "1k chars", 0.03m, 0.30m, "Text to speech, depending on the model");
        w.WriteStartObject("voice-stt");
        w.WriteString("unit", "minute");
        w.WriteNumber("cost", 0.006m);
        w.WriteString("description", "Speech to text");
        w.WriteEndObject();
        WriteRange(w, "voice-clone", "clone", 0.50m, 5.00m, "Voice cloning, instant or professional");
        w.WriteEndObject();
    }));

    private static void WriteRange(Utf8JsonWriter w, string name, string unit, decimal min, decimal max, string description)
    {
        w.WriteStartObject(name);
        w.WriteString("unit", unit);
        w.WriteBoolean("isVariable", true);
        w.WriteStartObject("estimatedRange");
        w.WriteNumber("min", min);
        w.WriteNumber("max", max);
        w.WriteEndObject();
        w.WriteString("description", description);
        w.WriteEndObject();
    }

    private static bool IsWebUrl(string? text)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
