using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's users (those who chatted through it), linked characters and deployments (a deployment builds, then is
/// ready on the next status read).
/// </summary>
internal sealed class AppInsightsResponder(AgentsResponder agents, TimeProvider clock)
{
    public FakeResponse? Route(FakeCall call, string sub, FakeApp app) => (call.Method, sub) switch
    {
        ("GET", "users") => Users(app, call.QueryValue("limit")),
        ("GET", "characters") => Characters(app, call.Request),
        ("PUT", "characters") => SetCharacters(app, call.Body),
        ("GET", "deploy") => DeploymentStatus(app),
        ("POST", "deploy") => Deploy(app, call.Body),
        _ => null,
    };

    /// <summary>Newest first; no paging, and a limit the database cannot take (negative, not a number) fails there.</summary>
    private static FakeResponse Users(FakeApp app, string? limitText)
    {
        int? limit = null;
        if (limitText is not null)
        {
            if (!int.TryParse(limitText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
            {
                return FakeFormat.Failure(HttpStatusCode.InternalServerError, $"LIMIT must not be negative or non-numeric: {limitText}");
            }

            limit = parsed;
        }

        var users = app.Users.Values.OrderByDescending(u => u.FirstSeen).Take(limit ?? int.MaxValue).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("users");
            foreach (var user in users)
            {
                w.WriteStartObject();
                w.WriteString("id", user.Id);
                w.WriteString("app_id", app.Id);
                w.WriteString("user_id", user.UserId);
                w.WriteString("signup_source", "api");
                w.WriteNull("referral_code_used");
                w.WriteString("ip_address", AppAnalyticsResponder.CallerIp);
                w.WriteString("user_agent", "MiladyCloud.Sdk");
                w.WriteNumber("total_requests", user.Requests);
                w.WriteString("total_credits_used", FakeFormat.Numeric(user.Credits));
                w.WriteString("first_seen_at", FakeFormat.Iso(user.FirstSeen));
                w.WriteString("last_seen_at", FakeFormat.Iso(user.LastSeen));
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            // The counts of this response, not of the app's users.
            w.WriteStartObject("pagination");
            w.WriteNumber("total", users.Count);
            w.WriteNumber("limit", limit ?? users.Count);
            w.WriteEndObject();
        }));
    }

    /// <summary>With an API key, only the app's own key may list its characters; a session may.</summary>
    private FakeResponse Characters(FakeApp app, RecordedRequest request)
    {
        var key = request.Headers.TryGetValue("X-API-Key", out var header) ? header
            : request.Headers.TryGetValue("Authorization", out var bearer) && bearer.StartsWith("Bearer eliza_", StringComparison.Ordinal) ? bearer["Bearer ".Length..]
            : null;
        if (key is not null && key != app.ApiKey)
        {
            return FakeFormat.Failure(HttpStatusCode.Forbidden, "Invalid API key for this app");
        }

        var linked = agents.Snapshot().Where(c => app.LinkedCharacterIds.Contains(c.Id)).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("characters");
            foreach (var character in linked)
            {
                w.WriteStartObject();
                w.WriteString("id", character.Id);
                w.WriteString("name", character.Name);
                w.WriteString("username", character.Username);
                // The route sends settings.avatar (null when unset) and the stored bio, a list for created characters.
                w.WriteNull("avatar_url");
                character.WriteBio(w);
                w.WriteBoolean("is_public", character.IsPublic);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeResponse SetCharacters(FakeApp app, JsonElement body)
    {
        var ids = FakeFormat.Strings(body, "character_ids");
        if (ids is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "character_ids must be an array");
        }

        if (ids.Count > 4)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Maximum 4 characters allowed per app");
        }

        if (ids.FirstOrDefault(id => !Guid.TryParseExact(id, "D", out _)) is { } malformed)
        {
            // Looked up unchecked: Postgres rejects the value and the route answers with the database error.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, $"invalid input syntax for type uuid: \"{malformed}\"");
        }

        var known = agents.Snapshot().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.FirstOrDefault(id => !known.Contains(id)) is { } missing)
        {
            return FakeFormat.Failure(HttpStatusCode.NotFound, $"Character not found: {missing}");
        }

        app.LinkedCharacterIds = ids;
        app.UpdatedAt = clock.GetUtcNow();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            FakeFormat.WriteStrings(w, "linked_character_ids", app.LinkedCharacterIds);
        }));
    }

    private FakeResponse DeploymentStatus(FakeApp app)
    {
        // A build started earlier has finished by the time its status is read again.
        foreach (var deployment in app.Deployments.Where(d => (string?)d["state"] == "BUILDING"))
        {
            deployment["state"] = "READY";
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("productionUrl", AppDomainsResponder.ProductionUrl(app));
            w.WriteBoolean("deploymentConfigured", true);
            FakeFormat.WriteNullable(w, "githubRepo", app.GithubRepo);
            w.WriteStartArray("recentDeployments");
            foreach (var deployment in app.Deployments.AsEnumerable().Reverse().Take(10))
            {
                deployment.WriteTo(w);
            }

            w.WriteEndArray();
        }));
    }

    /// <summary>The repository is checked before the body; the app counts as deployed as soon as the build is started.</summary>
    private FakeResponse Deploy(FakeApp app, JsonElement body)
    {
        if (app.GithubRepo is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "App does not have a GitHub repository. Create one first.");
        }

        var target = FakeFormat.Text(body, "target") ?? "production";
        if (target is not ("production" or "preview") || HasNull(body, "target", "branch", "commitSha"))
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"_errors":[],"target":{"_errors":["Invalid option: expected one of \"production\"|\"preview\""]}}}""", HttpStatusCode.BadRequest);
        }

        var id = "dpl_" + FakeFormat.Hex(12);
        var url = $"https://{app.Slug}-{id[4..12]}.deploy.fake.invalid";
        app.Deployments.Add(new JsonObject
        {
            ["id"] = id,
            ["state"] = "BUILDING",
            ["url"] = url,
            ["createdAt"] = FakeFormat.Iso(clock.GetUtcNow()),
            ["target"] = target,
        });
        app.ProductionUrl = AppDomainsResponder.ProductionUrl(app);
        app.DeploymentStatus = "deployed";
        app.LastDeployedAt = clock.GetUtcNow();
        app.UpdatedAt = clock.GetUtcNow();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("deploymentId", id);
            w.WriteString("deploymentUrl", url);
            w.WriteString("productionUrl", app.ProductionUrl);
        }));
    }

    private static bool HasNull(JsonElement body, params string[] names)
        => body.ValueKind == JsonValueKind.Object && names.Any(n => body.TryGetProperty(n, out var value) && value.ValueKind == JsonValueKind.Null);
}
