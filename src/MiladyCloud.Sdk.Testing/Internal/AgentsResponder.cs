using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The caller's characters over an in-memory store: create (<c>POST /api/v1/app/agents</c>) and the site-root routes
/// list (search, category, sort, paging), get and delete under <c>/api/my-agents/characters</c>.
/// </summary>
internal sealed class AgentsResponder(TimeProvider clock)
{
    private const string MyAgents = "/api/my-agents/characters";
    private readonly object _gate = new();
    private readonly List<StoredAgent> _agents = [];

    public FakeResponse? Route(string method, string path, string query, JsonElement? json)
    {
        if (method == "POST" && path == "/api/v1/app/agents")
        {
            return Create(json ?? default);
        }

        if (method == "GET" && path == MyAgents)
        {
            return List(query);
        }

        if (!path.StartsWith(MyAgents + "/", StringComparison.Ordinal) || path[(MyAgents.Length + 1)..].Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var id = Uri.UnescapeDataString(path[(MyAgents.Length + 1)..]);
        return method switch
        {
            "GET" => Get(id),
            "DELETE" => Delete(id),
            _ => null,
        };
    }

    /// <summary>The caller's characters, oldest first (the dashboard, credit summary and app characters show them).</summary>
    public List<StoredAgent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _agents];
        }
    }

    private FakeResponse Create(JsonElement request)
    {
        var name = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : string.Empty;
        if (name.Length is 0 or > 100)
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"name":{"_errors":["Name must be 1 to 100 characters"]}}}""", HttpStatusCode.BadRequest);
        }

        var bio = request.TryGetProperty("bio", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()!.Trim() : "A helpful AI assistant";
        var now = clock.GetUtcNow();
        var agent = new StoredAgent(Guid.NewGuid().ToString(), name, Username(name), bio, now);
        lock (_gate)
        {
            _agents.Add(agent);
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("agent");
            w.WriteStartObject();
            w.WriteString("id", agent.Id);
            w.WriteString("name", agent.Name);
            w.WriteString("username", agent.Username);
            WriteBio(w, agent);
            w.WriteString("created_at", Iso(agent.CreatedAt));
            WriteNullTokens(w);
            w.WriteEndObject();
        }), HttpStatusCode.Created);
    }

    private FakeResponse List(string query)
    {
        var search = QueryValue(query, "search");
        var category = QueryValue(query, "category");
        var page = Math.Max(1, QueryInt(query, "page") ?? 1);
        var limit = Math.Clamp(QueryInt(query, "limit") ?? 30, 1, 1000);
        List<StoredAgent> matches;
        lock (_gate)
        {
            matches = _agents
                .Where(a => search is null || a.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || a.Bio.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Where(a => category is null || category == "assistant")
                .ToList();
        }

        matches = Sort(matches, QueryValue(query, "sortBy") ?? "newest", QueryValue(query, "order") ?? "desc");
        var totalPages = (matches.Count + limit - 1) / limit;
        var items = matches.Skip((page - 1) * limit).Take(limit).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartArray("characters");
            foreach (var agent in items)
            {
                WriteSummary(w, agent);
            }

            w.WriteEndArray();
            w.WriteStartObject("pagination");
            w.WriteNumber("page", page);
            w.WriteNumber("limit", limit);
            w.WriteNumber("totalPages", totalPages);
            w.WriteNumber("totalCount", matches.Count);
            w.WriteBoolean("hasMore", page < totalPages);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private FakeResponse Get(string id)
    {
        var agent = Find(id);
        return agent is null
            ? NotFound("Character not found")
            : FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteStartObject("data");
                w.WritePropertyName("character");
                WriteRecord(w, agent);
                w.WriteEndObject();
            }));
    }

    private FakeResponse Delete(string id)
    {
        int removed;
        lock (_gate)
        {
            removed = _agents.RemoveAll(a => a.Id == id);
        }

        return removed == 0 ? NotFound("Character not found or access denied") : FakeResponse.Json("""{"success":true,"data":{"message":"Character deleted successfully"}}""");
    }

    private StoredAgent? Find(string id)
    {
        lock (_gate)
        {
            return _agents.FirstOrDefault(a => a.Id == id);
        }
    }

    private static List<StoredAgent> Sort(List<StoredAgent> agents, string sortBy, string order)
    {
        IEnumerable<StoredAgent> sorted = sortBy switch
        {
            "name" => agents.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase),
            "newest" or "updated" => agents.OrderBy(a => a.CreatedAt),
            _ => agents,
        };
        return (order == "desc" && sortBy is "name" or "newest" or "updated" ? sorted.Reverse() : sorted).ToList();
    }

    /// <summary>The list item: the server sends several fields in both camelCase and snake_case.</summary>
    private static void WriteSummary(Utf8JsonWriter w, StoredAgent agent)
    {
        w.WriteStartObject();
        w.WriteString("id", agent.Id);
        w.WriteString("name", agent.Name);
        WriteBio(w, agent);
        w.WriteNull("avatarUrl");
        w.WriteNull("avatar_url");
        w.WriteString("category", "assistant");
        w.WriteBoolean("isPublic", false);
        w.WriteBoolean("is_public", false);
        w.WriteString("createdAt", Iso(agent.CreatedAt));
        w.WriteString("created_at", Iso(agent.CreatedAt));
        w.WriteString("updatedAt", Iso(agent.CreatedAt));
        w.WriteString("updated_at", Iso(agent.CreatedAt));
        w.WriteStartArray("tags");
        w.WriteEndArray();
        WriteNullTokens(w);
        w.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter w, StoredAgent agent)
    {
        w.WriteStartObject();
        w.WriteString("id", agent.Id);
        w.WriteString("organization_id", "00000000-0000-0000-0000-0000000f4c3e");
        w.WriteString("user_id", "00000000-0000-0000-0000-00000000fa4e");
        w.WriteString("name", agent.Name);
        w.WriteString("username", agent.Username);
        w.WriteNull("system");
        WriteBio(w, agent);
        w.WriteStartArray("plugins");
        w.WriteEndArray();
        w.WriteBoolean("is_template", false);
        w.WriteBoolean("is_public", false);
        w.WriteNull("avatar_url");
        w.WriteString("category", "assistant");
        w.WriteString("source", "cloud");
        WriteNullTokens(w);
        w.WriteBoolean("monetization_enabled", false);
        w.WriteString("inference_markup_percentage", "0.00");
        w.WriteNumber("total_inference_requests", 0);
        w.WriteString("total_creator_earnings", "0.00");
        w.WriteString("total_platform_revenue", "0.00");
        w.WriteBoolean("a2a_enabled", false);
        w.WriteBoolean("mcp_enabled", false);
        w.WriteString("created_at", Iso(agent.CreatedAt));
        w.WriteString("updated_at", Iso(agent.CreatedAt));
        w.WriteEndObject();
    }

    private static void WriteBio(Utf8JsonWriter w, StoredAgent agent)
    {
        w.WriteStartArray("bio");
        w.WriteStringValue(agent.Bio);
        w.WriteEndArray();
    }

    private static void WriteNullTokens(Utf8JsonWriter w)
    {
        w.WriteNull("token_address");
        w.WriteNull("token_chain");
        w.WriteNull("token_name");
        w.WriteNull("token_ticker");
    }

    private static FakeResponse NotFound(string message)
        => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", message);
        }), HttpStatusCode.NotFound);

    private static string Username(string name)
        => new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') + "-" + Guid.NewGuid().ToString("N")[..6];

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? QueryValue(string query, string name) => FakeQuery.Value(query, name);

    private static int? QueryInt(string query, string name) => FakeQuery.Int(query, name);

    internal sealed record StoredAgent(string Id, string Name, string Username, string Bio, DateTimeOffset CreatedAt);
}
