using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The <c>/api/v1/agents</c> routes over the character store: an organization's character, publishing (public with
/// monetization and protocol settings) and unpublishing, monetization settings, and the public token lookup.
/// </summary>
internal sealed class AgentPublishingResponder(FakeCharacterStore store, TimeProvider clock)
{
    private const string ByToken = AgentPaths.V1Agents + "/by-token";

    public FakeResponse? Route(FakeCall call)
    {
        // The static segment wins over the id, as in the service's router.
        if (call.Path == ByToken)
        {
            return call.Method == "GET" ? FindByToken(call) : null;
        }

        if (!FakePaths.TryResource(call.Path, AgentPaths.V1Agents, out var id, out var rest))
        {
            return null;
        }

        return (call.Method, rest) switch
        {
            ("GET", "") => OrganizationAgent(id),
            ("POST", "publish") => Publish(id, call.Body, FakePaths.SiteUrl(call)),
            ("DELETE", "publish") => Unpublish(id),
            ("GET", "monetization") => Monetization(id),
            ("PUT", "monetization") => UpdateMonetization(id, call.Body),
            _ => null,
        };
    }

    /// <summary>Any character of the caller's organization, not only the caller's own.</summary>
    private FakeResponse OrganizationAgent(string id)
        => store.With(
            id,
            c => c.IsInCallersOrganization
                ? FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WritePropertyName("data");
                    AgentJson.WriteRecord(w, c);
                }))
                : AgentNotFound(),
            AgentNotFound);

    private FakeResponse Publish(string id, JsonElement body, string site)
        => store.With(
            id,
            c => c.IsOwnedByCaller ? ApplyPublish(c, PublishSettings.Read(body), site) : FakeFormat.Failure(HttpStatusCode.Forbidden, "Not authorized to publish this agent"),
            AgentNotFound);

    /// <summary>A public agent is left as it is (the settings are ignored); otherwise the settings are applied.</summary>
    private FakeResponse ApplyPublish(FakeCharacter c, PublishSettings settings, string site)
    {
        var first = !c.IsPublic;
        if (first)
        {
            c.IsPublic = true;
            c.A2aEnabled = settings.A2aEnabled;
            c.McpEnabled = settings.McpEnabled;
            c.MonetizationEnabled = settings.EnableMonetization;
            c.MarkupPercentage = Math.Round(settings.MarkupPercentage, 2);
            c.PayoutWalletAddress = settings.PayoutWalletAddress is { Length: > 0 } wallet ? wallet : c.PayoutWalletAddress;
            c.UpdatedAt = clock.GetUtcNow();
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("message", first ? "Agent published successfully" : "Agent is already published");
            w.WriteStartObject("agent");
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteBoolean("isPublic", true);
            if (first)
            {
                w.WriteBoolean("monetizationEnabled", settings.EnableMonetization);
                w.WriteNumber("markupPercentage", (double)settings.MarkupPercentage);
                w.WriteBoolean("a2aEnabled", settings.A2aEnabled);
                w.WriteBoolean("mcpEnabled", settings.McpEnabled);
            }

            w.WriteString("a2aEndpoint", $"{site}/api/agents/{c.Id}/a2a");
            w.WriteString("mcpEndpoint", $"{site}/api/agents/{c.Id}/mcp");
            w.WriteEndObject();
        }));
    }

    private FakeResponse Unpublish(string id)
        => store.With(
            id,
            c =>
            {
                if (!c.IsOwnedByCaller)
                {
                    return FakeFormat.Failure(HttpStatusCode.Forbidden, "Not authorized");
                }

                c.IsPublic = false;
                c.MonetizationEnabled = false;
                c.UpdatedAt = clock.GetUtcNow();
                return FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WriteString("message", "Agent unpublished");
                    w.WriteStartObject("agent");
                    w.WriteString("id", c.Id);
                    w.WriteString("name", c.Name);
                    w.WriteBoolean("isPublic", false);
                    w.WriteEndObject();
                }));
            },
            AgentNotFound);

    /// <summary>The creator and the creator's organization may read the settings; nothing is earned through the fake's agents.</summary>
    private FakeResponse Monetization(string id)
        => store.With(
            id,
            c => c.IsOwnedByCaller || c.IsInCallersOrganization
                ? MonetizationResponse(c, withTotals: true)
                : FakeFormat.Failure(HttpStatusCode.Forbidden, "Not authorized to view this agent"),
            AgentNotFound);

    /// <summary>
    /// The body is validated first; then the service's checks answer 400 with their reason (unknown agent, not the
    /// owner, not public), not 404 or 403.
    /// </summary>
    private FakeResponse UpdateMonetization(string id, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // The route reads the body without a guard: a missing or broken body escapes the handler.
            return FakeFormat.Unhandled();
        }

        if (MonetizationIssues(body) is { } invalid)
        {
            return invalid;
        }

        return store.With(
            id,
            c => c switch
            {
                { IsOwnedByCaller: false } => FakeFormat.Failure(HttpStatusCode.BadRequest, "Not authorized to update this agent"),
                { IsPublic: false } => FakeFormat.Failure(HttpStatusCode.BadRequest, "Agent must be public to enable monetization"),
                _ => ApplyMonetization(c, body),
            },
            () => FakeFormat.Failure(HttpStatusCode.BadRequest, "Agent not found"));
    }

    private FakeResponse ApplyMonetization(FakeCharacter c, JsonElement body)
    {
        c.MonetizationEnabled = FakeFormat.Bool(body, "monetizationEnabled") ?? c.MonetizationEnabled;
        c.MarkupPercentage = FakeFormat.Number(body, "markupPercentage") is { } markup ? Math.Round(markup, 2) : c.MarkupPercentage;
        c.PayoutWalletAddress = FakeFormat.Text(body, "payoutWalletAddress") ?? c.PayoutWalletAddress;
        c.UpdatedAt = clock.GetUtcNow();
        return MonetizationResponse(c, withTotals: false);
    }

    /// <summary><c>{"success":false,"error":"Invalid request","details":…}</c> with zod's formatted tree, or <see langword="null"/>.</summary>
    private static FakeResponse? MonetizationIssues(JsonElement body)
    {
        var root = ZodIssues.Object(body);
        var issues = root is null
            ? new[]
            {
                ("monetizationEnabled", ZodIssues.Optional(body, "monetizationEnabled", "boolean")),
                ("markupPercentage", ZodIssues.Optional(body, "markupPercentage", "number", 0, 1000)),
                ("payoutWalletAddress", ZodIssues.Optional(body, "payoutWalletAddress", "string")),
            }.Where(i => i.Item2 is not null).ToList()
            : [];
        if (root is null && issues.Count == 0)
        {
            return null;
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", "Invalid request");
            w.WriteStartObject("details");
            FakeFormat.WriteStrings(w, "_errors", root is null ? [] : [root]);
            foreach (var (member, message) in issues)
            {
                w.WriteStartObject(member);
                FakeFormat.WriteStrings(w, "_errors", [message!]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }), HttpStatusCode.BadRequest);
    }

    private static FakeResponse MonetizationResponse(FakeCharacter c, bool withTotals) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("monetization");
        w.WriteBoolean("enabled", c.MonetizationEnabled);
        AgentJson.WriteMarkup(w, "markupPercentage", c.MarkupPercentage);
        FakeFormat.WriteNullable(w, "payoutWalletAddress", c.PayoutWalletAddress);
        w.WriteBoolean("isPublic", c.IsPublic);
        if (withTotals)
        {
            w.WriteNumber("totalEarnings", 0);
            w.WriteNumber("totalRequests", 0);
            w.WriteBoolean("a2aEnabled", c.A2aEnabled);
            w.WriteBoolean("mcpEnabled", c.McpEnabled);
        }

        w.WriteEndObject();
    }));

    /// <summary>Public agents only: a private agent is reported as not linked, like an unknown token.</summary>
    private FakeResponse FindByToken(FakeCall call)
    {
        var address = call.QueryValue("address");
        var chain = call.QueryValue("chain") is { Length: > 0 } given ? given : null;
        var problem = address switch
        {
            null or "" => "Missing required query parameter: address",
            { Length: > 256 } => "address parameter exceeds maximum length (256)",
            _ when chain is { Length: > 50 } => "chain parameter exceeds maximum length (50)",
            _ => null,
        };
        if (problem is not null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, problem);
        }

        lock (store.Gate)
        {
            return TokenAddresses.Find(store, address!, chain) is { IsPublic: true } c ? TokenAgent(c) : FakeFormat.Failure(HttpStatusCode.NotFound, "No agent linked to this token");
        }
    }

    private static FakeResponse TokenAgent(FakeCharacter c) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("username", c.Username);
        FakeFormat.WriteNullable(w, "avatar_url", c.AvatarUrl);
        AgentJson.WriteBio(w, c);
        w.WriteBoolean("is_public", c.IsPublic);
        AgentJson.WriteTokens(w, c);
        w.WriteString("created_at", FakeFormat.Iso(c.CreatedAt));
        w.WriteEndObject();
    }));

    private static FakeResponse AgentNotFound() => FakeFormat.Failure(HttpStatusCode.NotFound, "Agent not found");

    /// <summary>The publish body; any invalid member makes the service fall back to all the defaults.</summary>
    private sealed record PublishSettings(bool EnableMonetization, decimal MarkupPercentage, string? PayoutWalletAddress, bool A2aEnabled, bool McpEnabled)
    {
        private static readonly PublishSettings Defaults = new(false, 0, null, true, true);

        public static PublishSettings Read(JsonElement body)
        {
            var invalid = ZodIssues.Object(body) is not null
                || ZodIssues.Optional(body, "enableMonetization", "boolean") is not null
                || ZodIssues.Optional(body, "markupPercentage", "number", 0, 1000) is not null
                || ZodIssues.Optional(body, "payoutWalletAddress", "string") is not null
                || ZodIssues.Optional(body, "a2aEnabled", "boolean") is not null
                || ZodIssues.Optional(body, "mcpEnabled", "boolean") is not null;
            return invalid
                ? Defaults
                : new PublishSettings(
                    FakeFormat.Bool(body, "enableMonetization") ?? false,
                    FakeFormat.Number(body, "markupPercentage") ?? 0,
                    FakeFormat.Text(body, "payoutWalletAddress"),
                    FakeFormat.Bool(body, "a2aEnabled") ?? true,
                    FakeFormat.Bool(body, "mcpEnabled") ?? true);
        }
    }
}
