using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// App credits: the caller's balance per app (created at zero on first read), Stripe checkout (paid at once in the
/// fake) and its verification, which credits the balance once however often it is repeated.
/// </summary>
internal sealed class AppCreditsResponder(FakeAppStore apps)
{
    private static readonly string[] PlatformOrigins = ["https://cloud.milady.ai", "https://milady.ai", "https://www.milady.ai", "https://app.milady.ai"];
    private readonly object _gate = new();
    private readonly Dictionary<string, (decimal Balance, decimal Purchased, decimal Spent)> _balances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string AppId, decimal Amount)> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _credited = new(StringComparer.Ordinal);

    public FakeResponse? Route(FakeCall call) => (call.Method, call.Path) switch
    {
        ("GET", "/api/v1/app-credits/balance") => Balance(call.QueryValue("app_id") ?? call.Request.Headers.GetValueOrDefault("X-App-Id")),
        ("POST", "/api/v1/app-credits/checkout") => Checkout(call.Body),
        ("GET", "/api/v1/app-credits/verify") => Verify(call.QueryValue("session_id")),
        _ => null,
    };

    private FakeResponse Balance(string? appId)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "app_id is required");
        }

        if (!Guid.TryParse(appId, out _))
        {
            // The app id reaches the database unchecked.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, $"Failed query: select from app_credit_balances where app_id = '{appId}'");
        }

        lock (_gate)
        {
            var b = _balances.TryGetValue(appId, out var found) ? found : _balances[appId] = (0m, 0m, 0m);
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteNumber("balance", b.Balance);
                w.WriteNumber("totalPurchased", b.Purchased);
                w.WriteNumber("totalSpent", b.Spent);
                w.WriteBoolean("isLow", b.Balance < 5);
            }));
        }
    }

    private FakeResponse Checkout(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return FakeFormat.LibraryError(HttpStatusCode.InternalServerError, "An unexpected error occurred", "internal_error");
        }

        var appId = FakeFormat.Text(body, "app_id");
        var amount = FakeFormat.Number(body, "amount");
        var success = FakeFormat.Text(body, "success_url");
        var cancel = FakeFormat.Text(body, "cancel_url");
        var problems = new List<(string Field, string Message)>();
        if (!Guid.TryParse(appId, out _))
        {
            problems.Add(("app_id", appId is null ? "Invalid input: expected string, received undefined" : "Invalid UUID"));
        }

        if (amount is not { } a)
        {
            problems.Add(("amount", "Invalid input: expected number, received undefined"));
        }
        else if (a < 1)
        {
            problems.Add(("amount", "Too small: expected number to be >=1"));
        }
        else if (a > 10_000)
        {
            problems.Add(("amount", "Too big: expected number to be <=10000"));
        }

        foreach (var (field, value) in new[] { ("success_url", success), ("cancel_url", cancel) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                problems.Add((field, "Invalid URL"));
            }
        }

        if (problems.Count > 0)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", false);
                w.WriteString("error", "Invalid request");
                w.WriteStartObject("details");
                FakeFormat.WriteStrings(w, "_errors", []);
                foreach (var (field, message) in problems)
                {
                    w.WriteStartObject(field);
                    FakeFormat.WriteStrings(w, "_errors", [message]);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }), HttpStatusCode.BadRequest);
        }

        var origins = apps.With<List<string>?>(appId!, app => PlatformOrigins.Append(Origin(app.AppUrl)).Concat(app.AllowedOrigins.Select(Origin)).ToList(), () => null);
        if (origins is null)
        {
            return FakeFormat.Failure(HttpStatusCode.NotFound, "App not found");
        }

        foreach (var (label, value) in new[] { ("success_url", success!), ("cancel_url", cancel!) })
        {
            var origin = Origin(value);
            if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase) && !new Uri(value).IsLoopback)
            {
                return FakeFormat.Failure(HttpStatusCode.BadRequest, $"Invalid {label}");
            }
        }

        var sessionId = "cs_test_" + FakeFormat.Hex(16);
        _sessions[sessionId] = (appId!, amount!.Value);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
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

        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            // The payment provider does not know the session; the route answers its error as a 500.
            return FakeFormat.LibraryError(HttpStatusCode.InternalServerError, "An unexpected error occurred", "internal_error");
        }

        lock (_gate)
        {
            if (_credited.Add(sessionId))
            {
                var b = _balances.GetValueOrDefault(session.AppId);
                _balances[session.AppId] = (b.Balance + session.Amount, b.Purchased + session.Amount, b.Spent);
            }
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteNumber("amount", session.Amount);
            w.WriteString("message", "Credits added successfully");
        }));
    }

    private static string Origin(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;
}
