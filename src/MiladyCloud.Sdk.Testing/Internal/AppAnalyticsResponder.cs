using System.Globalization;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's analytics, computed from the requests made through it (chats through the app are logged with their
/// tokens, credits and user): per-period rows, request stats, logs, visitors and a timeline.
/// </summary>
internal sealed class AppAnalyticsResponder(TimeProvider clock)
{
    public const string CallerIp = "127.0.0.1";

    /// <summary>Records a request made through the app, and its user (the request's <c>user</c>, else the caller).</summary>
    public static void Log(FakeApp app, string? endUser, string model, int inputTokens, int outputTokens, decimal credits, DateTimeOffset now)
    {
        var userId = endUser ?? FakeAccount.UserId;
        app.Requests.Add(new FakeApp.AppRequest(FakeFormat.NewId(), "chat", "api", CallerIp, userId, model, inputTokens, outputTokens, credits, now));
        if (!app.Users.TryGetValue(userId, out var user))
        {
            user = new FakeApp.AppUser(FakeFormat.NewId(), userId, now);
            app.Users[userId] = user;
        }

        user.Requests++;
        user.Credits += credits;
        user.LastSeen = now;
        app.CreditsUsed += credits;
        app.LastUsedAt = now;
    }

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "analytics") => Analytics(app, call),
        ("GET", "analytics/requests") => Requests(app, call),
        _ => null,
    };

    /// <summary>Rows aggregated from the request log on the fly; the totals are the app's all-time counters.</summary>
    private FakeResponse Analytics(FakeApp app, FakeCall call)
    {
        var period = call.QueryValue("period") ?? "daily";
        if (Range(call) is not var (start, end))
        {
            return InvalidDate();
        }

        var requests = InRange(app, start, end);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("analytics");
            foreach (var group in requests.GroupBy(r => PeriodStart(r.CreatedAt, period)).OrderBy(g => g.Key))
            {
                WriteRow(w, group.Key, group.ToList());
            }

            w.WriteEndArray();
            w.WriteStartObject("totalStats");
            w.WriteNumber("totalRequests", app.Requests.Count);
            w.WriteNumber("totalUsers", app.Users.Count);
            w.WriteString("totalCreditsUsed", FakeFormat.Numeric(app.CreditsUsed));
            w.WriteEndObject();
            WritePeriod(w, period, start, end);
        }));
    }

    /// <summary>The five members the server computes; unique users are distinct IP addresses and new users always 0.</summary>
    private static void WriteRow(Utf8JsonWriter w, DateTimeOffset periodStart, List<FakeApp.AppRequest> rows)
    {
        w.WriteStartObject();
        w.WriteString("period_start", FakeFormat.Iso(periodStart));
        w.WriteNumber("total_requests", rows.Count);
        w.WriteNumber("unique_users", rows.Select(r => r.IpAddress).Distinct().Count());
        w.WriteNumber("new_users", 0);
        w.WriteString("total_cost", FakeFormat.Numeric(rows.Sum(r => r.Credits)));
        w.WriteEndObject();
    }

    private static FakeResponse InvalidDate() => FakeFormat.Failure(System.Net.HttpStatusCode.InternalServerError, "Invalid time value");

    private FakeResponse Requests(FakeApp app, FakeCall call)
    {
        // Only the timeline has a default range; the other views are unbounded without dates.
        if (Range(call, withDefaults: call.QueryValue("view") == "timeline") is not var (start, end))
        {
            return InvalidDate();
        }

        var requests = InRange(app, start, end);
        var limit = Math.Clamp(FakeQuery.Int(call.Query, "limit") ?? 50, 1, 100);
        return (call.QueryValue("view") ?? "stats") switch
        {
            "logs" => Logs(app, requests, call, limit),
            "visitors" => FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteStartArray("visitors");
                foreach (var visitor in requests.GroupBy(r => r.IpAddress).OrderByDescending(g => g.Count()).Take(limit))
                {
                    w.WriteStartObject();
                    w.WriteString("ip", visitor.Key);
                    w.WriteNumber("requestCount", visitor.Count());
                    w.WriteString("lastSeen", FakeFormat.Iso(visitor.Max(r => r.CreatedAt)));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            })),
            "timeline" => Timeline(requests, call.QueryValue("period") ?? "daily", start, end),
            _ => Stats(requests),
        };
    }

    private static FakeResponse Stats(List<FakeApp.AppRequest> requests) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("stats");
        w.WriteNumber("totalRequests", requests.Count);
        w.WriteNumber("uniqueIps", requests.Select(r => r.IpAddress).Distinct().Count());
        w.WriteNumber("uniqueUsers", requests.Select(r => r.UserId).Distinct().Count());
        WriteCounts(w, "byType", requests.GroupBy(r => r.Type));
        WriteCounts(w, "bySource", requests.GroupBy(r => r.Source));
        WriteCounts(w, "byStatus", requests.GroupBy(_ => "success"));
        w.WriteString("totalCredits", FakeFormat.Numeric(requests.Sum(r => r.Credits)));
        if (requests.Count == 0)
        {
            w.WriteNull("avgResponseTime");
        }
        else
        {
            w.WriteNumber("avgResponseTime", 120);
        }

        w.WriteEndObject();
    }));

    private static void WriteCounts(Utf8JsonWriter w, string name, IEnumerable<IGrouping<string, FakeApp.AppRequest>> groups)
    {
        w.WriteStartObject(name);
        foreach (var group in groups)
        {
            w.WriteNumber(group.Key, group.Count());
        }

        w.WriteEndObject();
    }

    /// <summary>Limit and offset are clamped (1-100, at least 0), never refused.</summary>
    private static FakeResponse Logs(FakeApp app, List<FakeApp.AppRequest> requests, FakeCall call, int limit)
    {
        var type = call.QueryValue("request_type");
        var source = call.QueryValue("source");
        var offset = Math.Max(FakeQuery.Int(call.Query, "offset") ?? 0, 0);
        var matching = requests.Where(r => (type is null || r.Type == type) && (source is null || r.Source == source)).OrderByDescending(r => r.CreatedAt).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("requests");
            foreach (var r in matching.Skip(offset).Take(limit))
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("app_id", app.Id);
                w.WriteString("request_type", r.Type);
                w.WriteString("source", r.Source);
                w.WriteString("ip_address", r.IpAddress);
                w.WriteString("user_agent", "MiladyCloud.Sdk");
                w.WriteNull("country");
                w.WriteNull("city");
                FakeFormat.WriteNullable(w, "user_id", r.UserId);
                FakeFormat.WriteNullable(w, "model", r.Model);
                w.WriteNumber("input_tokens", r.InputTokens);
                w.WriteNumber("output_tokens", r.OutputTokens);
                w.WriteString("credits_used", FakeFormat.Numeric(r.Credits));
                w.WriteNumber("response_time_ms", 120);
                w.WriteString("status", "success");
                w.WriteNull("error_message");
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteString("created_at", FakeFormat.Iso(r.CreatedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total", matching.Count);
            w.WriteStartObject("pagination");
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteEndObject();
        }));
    }

    private static FakeResponse Timeline(List<FakeApp.AppRequest> requests, string period, DateTimeOffset start, DateTimeOffset end) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartArray("timeline");
        foreach (var group in requests.GroupBy(r => Bucket(r.CreatedAt, period)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("period", group.Key);
            w.WriteNumber("count", group.Count());
            w.WriteString("credits", FakeFormat.Numeric(group.Sum(r => r.Credits)));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePeriod(w, period, start, end);
    }));

    /// <summary>
    /// The range asked for (by default the last 30 days, or unbounded), or null when a date does not parse (the server
    /// then fails).
    /// </summary>
    private (DateTimeOffset Start, DateTimeOffset End)? Range(FakeCall call, bool withDefaults = true)
    {
        var now = clock.GetUtcNow();
        var start = call.QueryValue("start_date") is { } startText ? Date(startText) : withDefaults ? now.AddDays(-30) : DateTimeOffset.MinValue;
        var end = call.QueryValue("end_date") is { } endText ? Date(endText) : withDefaults ? now : DateTimeOffset.MaxValue;
        return start is { } s && end is { } e ? (s, e) : null;
    }

    /// <summary>The timeline's bucket label, as the server's <c>TO_CHAR</c> writes it; unknown periods are monthly.</summary>
    private static string Bucket(DateTimeOffset time, string period) => time.UtcDateTime.ToString(
        period switch
        {
            "hourly" => "yyyy-MM-dd HH:00",
            "daily" => "yyyy-MM-dd",
            _ => "yyyy-MM",
        },
        CultureInfo.InvariantCulture);

    private static List<FakeApp.AppRequest> InRange(FakeApp app, DateTimeOffset start, DateTimeOffset end)
        => app.Requests.Where(r => r.CreatedAt >= start && r.CreatedAt <= end).ToList();

    private static void WritePeriod(Utf8JsonWriter w, string period, DateTimeOffset start, DateTimeOffset end)
    {
        w.WriteStartObject("period");
        w.WriteString("type", period);
        w.WriteString("start", FakeFormat.Iso(start));
        w.WriteString("end", FakeFormat.Iso(end));
        w.WriteEndObject();
    }

    private static DateTimeOffset PeriodStart(DateTimeOffset time, string period)
    {
        var utc = time.UtcDateTime;
        return period switch
        {
            "hourly" => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            "monthly" => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Date, TimeSpan.Zero),
        };
    }

    private static DateTimeOffset? Date(string? text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
