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
        ("GET", "users") => Users(app, FakeQuery.Int(call.Query, "limit")),
        ("GET", "characters") => Characters(app, call.Request),
        ("PUT", "characters") => SetCharacters(app, call.Body),
        ("GET", "deploy") => DeploymentStatus(app),
        ("POST", "deploy") => Deploy(app, call.Body),
        _ => null,
    };

    private static FakeResponse Users(FakeApp app, int? limit)
    {
        var users = app.Users.Values.OrderByDescending(u => u.LastSeen).Take(limit ?? int.MaxValue).ToList();
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
            w.WriteStartObject("pagination");
            w.WriteNumber("total", app.Users.Count);
            if (limit is { } l)
            {
                w.WriteNumber("limit", l);
            }
            else
            {
                w.WriteNull("limit");
            }

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
                w.WriteNull("avatar_url");
                w.WriteString("bio", character.Bio);
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

        var known = agents.Snapshot().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.FirstOrDefault(id => !known.Contains(id)) is { } missing)
        {
            return FakeFormat.Failure(HttpStatusCode.NotFound, $"Character not found: {missing}");
        }

        app.LinkedCharacterIds = ids.Distinct().ToList();
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
            deployment["ready"] = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if ((string?)deployment["target"] == "production")
            {
                app.DeploymentStatus = "deployed";
                app.LastDeployedAt = clock.GetUtcNow();
            }
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            FakeFormat.WriteNullable(w, "productionUrl", app.DeploymentStatus == "deployed" ? app.ProductionUrl : null);
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

    private FakeResponse Deploy(FakeApp app, JsonElement body)
    {
        if (app.GithubRepo is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "App does not have a GitHub repository");
        }

        var target = FakeFormat.Text(body, "target") ?? "production";
        var id = "dpl_" + FakeFormat.Hex(12);
        var url = $"https://{app.Slug}-{id[4..12]}.deploy.fake.invalid";
        app.ProductionUrl = $"https://{app.Slug}.apps.fake.invalid";
        app.Deployments.Add(new JsonObject
        {
            ["uid"] = id,
            ["url"] = url,
            ["state"] = "BUILDING",
            ["target"] = target,
            ["createdAt"] = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            ["meta"] = new JsonObject
            {
                ["githubCommitRef"] = FakeFormat.Text(body, "branch") ?? "main",
                ["githubCommitSha"] = FakeFormat.Text(body, "commitSha") ?? FakeFormat.Hex(20),
            },
        });
        if (target == "production")
        {
            app.DeploymentStatus = "building";
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("deploymentId", id);
            w.WriteString("deploymentUrl", url);
            w.WriteString("productionUrl", app.ProductionUrl);
        }));
    }
}
