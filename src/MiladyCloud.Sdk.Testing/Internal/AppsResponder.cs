using System.Net;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/apps</c>: the organization's apps in memory. Create, check a name, get, update, delete, rotate the app key,
/// public info and chat through the app (billed to the balance with the app's markup, logged for the analytics);
/// the other sub-routes are answered by the app sub-responders.
/// </summary>
internal sealed class AppsResponder
{
    private const string Prefix = "/api/v1/apps";
    private readonly FakeAppStore _store;
    private readonly FakeKeyRing _ring;
    private readonly FakeLedger _ledger;
    private readonly FakeReplies _replies;
    private readonly TimeProvider _clock;
    private readonly AppAnalyticsResponder _analytics;
    private readonly AppInsightsResponder _insights;
    private readonly AppDomainsResponder _domains;
    private readonly AppEarningsResponder _earnings;
    private readonly AppAutomationResponder _automation;
    private readonly AppPromotionResponder _promotion;

    public AppsResponder(FakeAppStore store, FakeKeyRing ring, FakeLedger ledger, FakeReplies replies, AgentsResponder agents, TimeProvider clock)
    {
        _store = store;
        _ring = ring;
        _ledger = ledger;
        _replies = replies;
        _clock = clock;
        _analytics = new AppAnalyticsResponder(clock);
        _insights = new AppInsightsResponder(agents, clock);
        _domains = new AppDomainsResponder(clock);
        _earnings = new AppEarningsResponder(clock);
        _automation = new AppAutomationResponder(ledger, clock);
        _promotion = new AppPromotionResponder(ledger, clock);
    }

    /// <summary>The public info route needs no credentials on the real service.</summary>
    public static bool IsPublic(string method, string path)
        => method == "GET" && path.StartsWith(Prefix + "/", StringComparison.Ordinal) && path.EndsWith("/public", StringComparison.Ordinal) && path.Count(c => c == '/') == 5;

    public FakeResponse? Route(FakeCall call)
    {
        if (call.Path == Prefix)
        {
            return call.Method switch
            {
                "GET" => List(),
                "POST" => Create(call.Body),
                _ => null,
            };
        }

        if (!call.Path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = call.Path[(Prefix.Length + 1)..];
        if (rest == "check-name" && call.Method == "POST")
        {
            return CheckName(call.Body);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        var sub = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if ((call.Method, sub) == ("GET", "public") && !Guid.TryParseExact(id, "D", out _))
        {
            // The public route queries the database with the id unchecked: Postgres rejects a non-UUID.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, "Failed to get app info");
        }

        return _store.With(id, app => Dispatch(call, sub, app), () => AppRouteFailures.UnknownApp(call, sub));
    }

    private FakeResponse? Dispatch(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "") => AppJson.Envelope(app),
        ("PATCH" or "PUT", "") => Update(app, call.Body),
        ("DELETE", "") => Delete(app, call.QueryValue("deleteGitHubRepo") != "false", call.QueryValue("deleteVercelProject") != "false"),
        ("POST", "regenerate-api-key") => Regenerate(app),
        ("GET", "public") => PublicInfo(app, call.QueryValue("redirect_uri")),
        ("POST", "chat") => Chat(app, call.Body),
        _ when sub.StartsWith("analytics", StringComparison.Ordinal) => _analytics.Route(call, sub, app),
        _ when sub.StartsWith("domains", StringComparison.Ordinal) => _domains.Route(call, sub, app, _store),
        _ when sub is "monetization" || sub.StartsWith("earnings", StringComparison.Ordinal) => _earnings.Route(call, sub, app),
        _ when sub.Contains("-automation", StringComparison.Ordinal) => _automation.Route(call, sub, app),
        _ when sub.StartsWith("promote", StringComparison.Ordinal) => _promotion.Route(call, sub, app),
        _ => _insights.Route(call, sub, app),
    };

    /// <summary>Most recently updated first, as the server orders them.</summary>
    private FakeResponse List() => _store.Read(apps => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartArray("apps");
        foreach (var app in apps.OrderByDescending(a => a.UpdatedAt))
        {
            AppJson.Write(w, app);
        }

        w.WriteEndArray();
    })));

    private FakeResponse Create(JsonElement body)
    {
        if (CreateIssues(body) is { Count: > 0 } issues)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", false);
                w.WriteString("error", "Invalid request data");
                ZodIssues.WriteFormat(w, "details", issues);
            }), HttpStatusCode.BadRequest);
        }

        var name = FakeFormat.Text(body, "name")!;
        var appUrl = FakeFormat.Text(body, "app_url")!;

        var slug = Slug(name);
        var now = _clock.GetUtcNow();
        var id = FakeFormat.NewId();
        var skipRepo = FakeFormat.Bool(body, "skipGitHubRepo") == true;
        var app = new FakeApp
        {
            Id = id,
            Name = name,
            Slug = slug,
            Description = FakeFormat.Text(body, "description"),
            AppUrl = appUrl,
            AllowedOrigins = FakeFormat.Strings(body, "allowed_origins") ?? [appUrl],
            WebsiteUrl = FakeFormat.Text(body, "website_url"),
            LogoUrl = FakeFormat.Text(body, "logo_url"),
            ContactEmail = FakeFormat.Text(body, "contact_email"),
            ApiKeyId = FakeFormat.NewId(),
            ApiKey = FakeFormat.NewApiKey(),
            GithubRepo = skipRepo ? null : $"fake-organization/{slug}-{id[..4]}",
            CreatedAt = now,
            UpdatedAt = now,
        };
        lock (_store.Gate)
        {
            if (_store.Read(apps => apps.Any(a => a.Slug == slug)))
            {
                return FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", false);
                    w.WriteString("error", $"An app named \"{name}\" already exists");
                    w.WriteString("conflictType", "app");
                    w.WriteString("suggestedName", SuggestedName(name));
                }), HttpStatusCode.Conflict);
            }

            _store.Add(app);
        }

        _ring.Add(app.ApiKey);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("app");
            AppJson.Write(w, app);
            w.WriteString("apiKey", app.ApiKey);
            if (app.GithubRepo is not null)
            {
                w.WriteString("githubRepo", app.GithubRepo);
            }
        }));
    }

    private FakeResponse CheckName(JsonElement body)
    {
        var name = FakeFormat.Text(body, "name");
        if (name is not { Length: >= 1 and <= 100 })
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Invalid request data");
        }

        var slug = Slug(name);
        var taken = _store.Read(apps => apps.Any(a => a.Slug == slug));
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteBoolean("available", !taken);
            w.WriteString("slug", slug);
            if (taken)
            {
                w.WriteString("conflictType", "app");
                w.WriteString("suggestedName", SuggestedName(name));
            }
        }));
    }

    private FakeResponse Update(FakeApp app, JsonElement body)
    {
        var name = FakeFormat.Text(body, "name");
        var characters = FakeFormat.Strings(body, "linked_character_ids");
        var invalid = name is { Length: < 1 or > 100 } || characters is { Count: > 4 } || characters?.Any(c => !Guid.TryParseExact(c, "D", out _)) == true
            || HasNull(body, "name", "description", "allowed_origins", "is_active", "linked_character_ids");
        if (invalid)
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"_errors":[]}}""", HttpStatusCode.BadRequest);
        }

        app.Name = name ?? app.Name;
        app.Description = body.TryGetProperty("description", out _) ? FakeFormat.Text(body, "description") : app.Description;
        // An empty or null app URL is ignored (not cleared); the other URLs and the e-mail are cleared by "".
        app.AppUrl = string.IsNullOrEmpty(FakeFormat.Text(body, "app_url")) ? app.AppUrl : FakeFormat.Text(body, "app_url")!;
        app.WebsiteUrl = Clearable(body, "website_url", app.WebsiteUrl);
        app.LogoUrl = Clearable(body, "logo_url", app.LogoUrl);
        app.ContactEmail = Clearable(body, "contact_email", app.ContactEmail);
        app.AllowedOrigins = FakeFormat.Strings(body, "allowed_origins") ?? app.AllowedOrigins;
        app.IsActive = FakeFormat.Bool(body, "is_active") ?? app.IsActive;
        app.LinkedCharacterIds = characters ?? app.LinkedCharacterIds;
        app.UpdatedAt = _clock.GetUtcNow();
        return AppJson.Envelope(app);
    }

    private FakeResponse Delete(FakeApp app, bool deleteRepository, bool deleteHosting)
    {
        _store.Remove(app.Id);
        _ring.Remove(app.ApiKey);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("message", "App deleted successfully with all resources cleaned up");
            w.WriteStartObject("cleaned");
            w.WriteNumber("sandboxesStopped", 0);
            w.WriteNumber("domainsRemoved", app.CustomDomain is null ? 0 : 1);
            w.WriteBoolean("vercelProjectDeleted", deleteHosting && app.ProductionUrl is not null);
            w.WriteBoolean("githubRepoDeleted", deleteRepository && app.GithubRepo is not null);
            w.WriteNumber("secretBindingsRemoved", 0);
            w.WriteNumber("managedDomainsUnlinked", 0);
            w.WriteEndObject();
        }));
    }

    private FakeResponse Regenerate(FakeApp app)
    {
        _ring.Remove(app.ApiKey);
        app.ApiKey = FakeFormat.NewApiKey();
        app.ApiKeyId = FakeFormat.NewId();
        app.UpdatedAt = _clock.GetUtcNow();
        _ring.Add(app.ApiKey);
        var key = app.ApiKey;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("apiKey", key);
            w.WriteString("message", "API key regenerated successfully. Make sure to save it securely.");
        }));
    }

    private static FakeResponse PublicInfo(FakeApp app, string? redirectUri)
    {
        if (!app.IsActive)
        {
            return AppJson.NotFound();
        }

        if (redirectUri is not null && !RedirectAllowed(app, redirectUri))
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "redirect_uri is not allowed for this app");
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("app");
            w.WriteString("id", app.Id);
            w.WriteString("name", app.Name);
            FakeFormat.WriteNullable(w, "description", app.Description);
            FakeFormat.WriteNullable(w, "logo_url", app.LogoUrl);
            FakeFormat.WriteNullable(w, "website_url", app.WebsiteUrl);
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Bills the caller's balance (base cost plus the markup when monetized; 1.5 times the estimate must be available),
    /// credits the markup to the creator, logs the request, then answers like <c>/chat/completions</c>.
    /// </summary>
    private FakeResponse Chat(FakeApp app, JsonElement body)
    {
        var model = FakeFormat.Text(body, "model");
        var messages = FakeFormat.Member(body, "messages");
        if (string.IsNullOrEmpty(model) || messages.ValueKind != JsonValueKind.Array)
        {
            return ChatError(HttpStatusCode.BadRequest, "Missing required fields: model and messages", "invalid_request_error", "missing_required_parameter");
        }

        if (messages.GetArrayLength() == 0)
        {
            return ChatError(HttpStatusCode.BadRequest, "messages must be a non-empty array", "invalid_request_error", "invalid_value");
        }

        var baseCost = _replies.AppChatCost;
        var markup = app.MonetizationEnabled ? Math.Round(baseCost * app.InferenceMarkupPercentage / 100m, 6) : 0m;
        var reserve = (baseCost + markup) * 1.5m;
        if (!_ledger.TryDebit(baseCost + markup, reserve, $"App chat ({app.Name}): {model}", model))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteStartObject("error");
                w.WriteString("message", "Insufficient credits");
                w.WriteString("type", "insufficient_quota");
                w.WriteString("code", "insufficient_app_credits");
                w.WriteNumber("required", reserve);
                w.WriteNumber("balance", _ledger.Balance);
                w.WriteEndObject();
            }), HttpStatusCode.PaymentRequired);
        }

        var reply = _replies.AssistantText.Replace("{input}", JsonText.LastUserText(body), StringComparison.Ordinal);
        AppAnalyticsResponder.Log(app, FakeFormat.Text(body, "user"), model, 12, Math.Max(1, reply.Length / 4), baseCost + markup, _clock.GetUtcNow());
        AppEarningsResponder.Credit(app, markup, baseCost, $"Inference markup: {model}", _clock.GetUtcNow());
        return ChatResponder.Respond(body, _replies, _clock);
    }

    private static FakeResponse ChatError(HttpStatusCode status, string message, string type, string code)
        => FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, status, message, type, code), status);

    private static bool RedirectAllowed(FakeApp app, string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect))
        {
            return false;
        }

        var origin = redirect.GetLeftPart(UriPartial.Authority);
        return (Uri.TryCreate(app.AppUrl, UriKind.Absolute, out var appUrl) && appUrl.GetLeftPart(UriPartial.Authority) == origin)
            || app.AllowedOrigins.Any(allowed => allowed == "*" || allowed.TrimEnd('/') == origin
                || (allowed.Contains("://*.", StringComparison.Ordinal) && redirect.Host.EndsWith(allowed[(allowed.IndexOf("://*.", StringComparison.Ordinal) + 4)..].TrimEnd('/'), StringComparison.Ordinal)));
    }

    private static string? Clearable(JsonElement body, string name, string? current)
        => !body.TryGetProperty(name, out var value) ? current : value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Every issue of the create schema, in its member order (the route reports them all at once).</summary>
    private static List<(string Member, string? Message)> CreateIssues(JsonElement body)
        => new List<(string Member, string? Message)>
        {
            ("name", ZodIssues.String(body, "name", min: 1, max: 100)),
            ("description", ZodIssues.String(body, "description", optional: true)),
            ("app_url", ZodIssues.String(body, "app_url", format: "url")),
            ("website_url", ZodIssues.String(body, "website_url", optional: true, format: "url")),
            ("contact_email", ZodIssues.String(body, "contact_email", optional: true, format: "email")),
            ("allowed_origins", ZodIssues.Optional(body, "allowed_origins", "array")),
            ("logo_url", ZodIssues.String(body, "logo_url", optional: true, format: "url")),
            ("skipGitHubRepo", ZodIssues.Optional(body, "skipGitHubRepo", "boolean")),
        }.Where(issue => issue.Message is not null).ToList();

    /// <summary>These members are optional on the server but not nullable: null is a validation error.</summary>
    private static bool HasNull(JsonElement body, params string[] names)
        => body.ValueKind == JsonValueKind.Object && names.Any(n => body.TryGetProperty(n, out var value) && value.ValueKind == JsonValueKind.Null);

    /// <summary>The name, a dash and four hex digits, like the server's suggestion.</summary>
    private static string SuggestedName(string name) => name + "-" + FakeFormat.Hex(2);

    /// <summary>Lower-case letters and digits with single dashes, like the server's slugs.</summary>
    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-') is { Length: > 0 } result ? result : "app";
    }
}
