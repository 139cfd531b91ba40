using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's monetization settings and its creator's earnings: the markup of every chat through a monetized app is
/// credited at once (withdrawable, no pending period), and withdrawals of at least the $25 payout threshold move it out.
/// </summary>
internal sealed class AppEarningsResponder(TimeProvider clock)
{
    private const decimal PayoutThreshold = 25m;

    /// <summary>Books the creator's markup and the platform's share of one billed request.</summary>
    public static void Credit(FakeApp app, decimal markup, decimal platformShare, string description, DateTimeOffset now)
    {
        app.PlatformRevenue += platformShare;
        if (markup > 0)
        {
            app.CreatorEarnings += markup;
            app.Earnings.Add(new FakeApp.EarningsEntry(FakeFormat.NewId(), "inference_markup", markup, description, now));
        }
    }

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "monetization") => Monetization(app),
        ("PUT", "monetization") => UpdateMonetization(app, call.Body),
        // Out-of-range days are clamped, not refused.
        ("GET", "earnings") => Earnings(app, Math.Clamp(FakeQuery.Int(call.Query, "days") ?? 30, 1, 90)),
        ("GET", "earnings/history") => History(app, call),
        ("POST", "earnings/withdraw") => Withdraw(app, call.Body),
        _ => null,
    };

    private static FakeResponse Monetization(FakeApp app) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("monetization");
        w.WriteBoolean("monetizationEnabled", app.MonetizationEnabled);
        w.WriteNumber("inferenceMarkupPercentage", app.InferenceMarkupPercentage);
        w.WriteNumber("purchaseSharePercentage", app.PurchaseSharePercentage);
        w.WriteNumber("platformOffsetAmount", 0);
        w.WriteNumber("totalCreatorEarnings", app.CreatorEarnings);
        w.WriteEndObject();
    }));

    private FakeResponse UpdateMonetization(FakeApp app, JsonElement body)
    {
        var markup = FakeFormat.Number(body, "inferenceMarkupPercentage");
        var share = FakeFormat.Number(body, "purchaseSharePercentage");
        if (markup is < 0 or > 1000 || share is < 0 or > 100 || HasNull(body, "monetizationEnabled", "inferenceMarkupPercentage", "purchaseSharePercentage"))
        {
            return InvalidData();
        }

        app.MonetizationEnabled = FakeFormat.Bool(body, "monetizationEnabled") ?? app.MonetizationEnabled;
        app.InferenceMarkupPercentage = markup ?? app.InferenceMarkupPercentage;
        app.PurchaseSharePercentage = share ?? app.PurchaseSharePercentage;
        app.UpdatedAt = clock.GetUtcNow();
        return Monetization(app);
    }

    private FakeResponse Earnings(FakeApp app, int days)
    {
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("earnings");
            WriteSummary(w, app);
            w.WriteStartObject("breakdown");
            WritePeriod(w, "today", "day", app, today);
            WritePeriod(w, "thisWeek", "week", app, today.AddDays(-(((int)today.DayOfWeek + 6) % 7)));
            WritePeriod(w, "thisMonth", "month", app, new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero));
            WritePeriod(w, "allTime", "all_time", app, DateTimeOffset.MinValue);
            w.WriteEndObject();
            w.WriteStartArray("recentTransactions");
            foreach (var entry in app.Earnings.AsEnumerable().Reverse().Take(10))
            {
                WriteEntry(w, app, entry);
            }

            w.WriteEndArray();
            // Only days with entries have a point.
            w.WriteStartArray("chartData");
            for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
            {
                var from = day;
                if (!app.Earnings.Any(e => e.CreatedAt >= from && e.CreatedAt < from.AddDays(1)))
                {
                    continue;
                }

                var inference = Sum(app, "inference_markup", day, day.AddDays(1));
                w.WriteStartObject();
                w.WriteString("date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("inferenceEarnings", inference);
                w.WriteNumber("purchaseEarnings", 0);
                w.WriteNumber("total", inference);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("monetization");
            w.WriteBoolean("enabled", app.MonetizationEnabled);
            w.WriteNumber("inferenceMarkupPercentage", app.InferenceMarkupPercentage);
            w.WriteNumber("purchaseSharePercentage", app.PurchaseSharePercentage);
            w.WriteNumber("platformOffsetAmount", 0);
            w.WriteNumber("totalCreatorEarnings", app.CreatorEarnings);
            w.WriteNumber("totalPlatformRevenue", app.PlatformRevenue);
            w.WriteEndObject();
        }));
    }

    private static void WriteSummary(Utf8JsonWriter w, FakeApp app)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("totalLifetimeEarnings", app.CreatorEarnings);
        w.WriteNumber("totalInferenceEarnings", app.CreatorEarnings);
        w.WriteNumber("totalPurchaseEarnings", 0);
        w.WriteNumber("pendingBalance", 0);
        w.WriteNumber("withdrawableBalance", app.CreatorEarnings - app.Withdrawn);
        w.WriteNumber("totalWithdrawn", app.Withdrawn);
        w.WriteNumber("payoutThreshold", PayoutThreshold);
        w.WriteEndObject();
    }

    private static void WritePeriod(Utf8JsonWriter w, string name, string period, FakeApp app, DateTimeOffset since)
    {
        var inference = Sum(app, "inference_markup", since, DateTimeOffset.MaxValue);
        w.WriteStartObject(name);
        w.WriteString("period", period);
        w.WriteNumber("inferenceEarnings", inference);
        w.WriteNumber("purchaseEarnings", 0);
        w.WriteNumber("total", inference);
        w.WriteEndObject();
    }

    private static decimal Sum(FakeApp app, string type, DateTimeOffset from, DateTimeOffset to)
        => app.Earnings.Where(e => e.Type == type && e.CreatedAt >= from && e.CreatedAt < to).Sum(e => e.Amount);

    private static FakeResponse History(FakeApp app, FakeCall call)
    {
        var limit = FakeQuery.Int(call.Query, "limit") ?? 50;
        var offset = FakeQuery.Int(call.Query, "offset") ?? 0;
        var type = call.QueryValue("type");
        if (limit is < 1 or > 100 || offset < 0 || type is not (null or "inference_markup" or "purchase_share" or "withdrawal" or "adjustment"))
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid query parameters","details":{"_errors":[]}}""", HttpStatusCode.BadRequest);
        }

        // With a type the server's query has no offset: every page is the newest entries of that type.
        var page = app.Earnings.Where(e => type is null || e.Type == type).Reverse().Skip(type is null ? offset : 0).Take(limit).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("transactions");
            foreach (var entry in page)
            {
                WriteEntry(w, app, entry);
            }

            w.WriteEndArray();
            w.WriteStartObject("pagination");
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteBoolean("hasMore", page.Count == limit);
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// In the server's order: monetization on, a JSON body, the schema, the payout threshold, then the ledger (where a
    /// repeated idempotency key answers the first withdrawal again instead of moving money twice).
    /// </summary>
    private FakeResponse Withdraw(FakeApp app, JsonElement body)
    {
        if (!app.MonetizationEnabled)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Monetization is not enabled for this app");
        }

        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Invalid JSON in request body");
        }

        var amount = FakeFormat.Number(body, "amount");
        var key = FakeFormat.Text(body, "idempotency_key");
        if (amount is not (> 0 and <= 1_000_000) || key is { Length: < 16 or > 64 } || HasNull(body, "idempotency_key"))
        {
            return InvalidData();
        }

        if (amount < PayoutThreshold)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, $"Minimum withdrawal amount is ${FakeFormat.Money(PayoutThreshold)}");
        }

        if (key is not null && app.WithdrawalsByKey.TryGetValue(key, out var earlier))
        {
            return Withdrawn(app, earlier);
        }

        if (amount > app.CreatorEarnings - app.Withdrawn)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, $"Insufficient withdrawable balance: ${FakeFormat.Money(app.CreatorEarnings - app.Withdrawn)}");
        }

        var entry = new FakeApp.EarningsEntry(FakeFormat.NewId(), "withdrawal", -amount.Value, "Withdrawal", clock.GetUtcNow());
        app.Earnings.Add(entry);
        app.Withdrawn += amount.Value;
        if (key is not null)
        {
            app.WithdrawalsByKey[key] = entry;
        }

        return Withdrawn(app, entry);
    }

    private static FakeResponse Withdrawn(FakeApp app, FakeApp.EarningsEntry entry) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteString("message", $"Withdrawal of ${FakeFormat.Money(-entry.Amount)} processed");
        w.WriteString("transactionId", entry.Id);
        w.WriteNumber("newBalance", app.CreatorEarnings - app.Withdrawn);
    }));

    private static FakeResponse InvalidData()
        => FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"_errors":[]}}""", HttpStatusCode.BadRequest);

    private static bool HasNull(JsonElement body, params string[] names)
        => body.ValueKind == JsonValueKind.Object && names.Any(n => body.TryGetProperty(n, out var value) && value.ValueKind == JsonValueKind.Null);

    /// <summary>The full ledger row; the fake's entries come from no particular user.</summary>
    private static void WriteEntry(Utf8JsonWriter w, FakeApp app, FakeApp.EarningsEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("id", entry.Id);
        w.WriteString("app_id", app.Id);
        w.WriteNull("user_id");
        w.WriteString("type", entry.Type);
        w.WriteString("amount", FakeFormat.Numeric(entry.Amount));
        w.WriteString("description", entry.Description);
        w.WriteString("created_at", FakeFormat.Iso(entry.CreatedAt));
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
