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
        ("GET", "earnings") => Earnings(app, FakeQuery.Int(call.Query, "days") ?? 30),
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
        if (markup is < 0 or > 1000 || share is < 0 or > 100)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Invalid request data");
        }

        app.MonetizationEnabled = FakeFormat.Bool(body, "monetizationEnabled") ?? app.MonetizationEnabled;
        app.InferenceMarkupPercentage = markup ?? app.InferenceMarkupPercentage;
        app.PurchaseSharePercentage = share ?? app.PurchaseSharePercentage;
        app.UpdatedAt = clock.GetUtcNow();
        return Monetization(app);
    }

    private FakeResponse Earnings(FakeApp app, int days)
    {
        if (days is < 1 or > 90)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "days must be between 1 and 90");
        }

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
                WriteEntry(w, entry);
            }

            w.WriteEndArray();
            w.WriteStartArray("chartData");
            for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
            {
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

        var entries = app.Earnings.Where(e => type is null || e.Type == type).Reverse().ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("transactions");
            foreach (var entry in entries.Skip(offset).Take(limit))
            {
                WriteEntry(w, entry);
            }

            w.WriteEndArray();
            w.WriteStartObject("pagination");
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteBoolean("hasMore", offset + limit < entries.Count);
            w.WriteEndObject();
        }));
    }

    /// <summary>A repeat with the same idempotency key answers the first withdrawal again instead of moving money twice.</summary>
    private FakeResponse Withdraw(FakeApp app, JsonElement body)
    {
        var amount = FakeFormat.Number(body, "amount");
        var key = FakeFormat.Text(body, "idempotency_key");
        if (amount is not (> 0 and <= 1_000_000) || key is { Length: < 16 or > 64 })
        {
            return FakeFormat.LibraryError(HttpStatusCode.BadRequest, "Invalid request data", "validation_error");
        }

        if (key is not null && app.WithdrawalsByKey.TryGetValue(key, out var earlier))
        {
            return Withdrawn(app, earlier);
        }

        var problem = !app.MonetizationEnabled ? "Monetization is not enabled for this app"
            : amount < PayoutThreshold ? $"Minimum withdrawal amount is ${FakeFormat.Money(PayoutThreshold)}"
            : amount > app.CreatorEarnings - app.Withdrawn ? $"Insufficient balance. Available: ${FakeFormat.Money(app.CreatorEarnings - app.Withdrawn)}"
            : null;
        if (problem is not null)
        {
            return FakeFormat.LibraryError(HttpStatusCode.BadRequest, problem, "validation_error");
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

    private static void WriteEntry(Utf8JsonWriter w, FakeApp.EarningsEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("id", entry.Id);
        w.WriteString("type", entry.Type);
        w.WriteString("amount", FakeFormat.Numeric(entry.Amount));
        w.WriteString("description", entry.Description);
        w.WriteString("created_at", FakeFormat.Iso(entry.CreatedAt));
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
