using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The characters over an in-memory store: create (<c>POST /api/v1/app/agents</c>) and the site-root routes list
/// (the caller's characters and those the caller has chatted with; search, category, sort, paging), get and delete
/// under <c>/api/my-agents/characters</c>; the other agent routes
/// (sharing, saved agents, publishing and monetization, MCP settings, the n8n plugin) are answered by the sub-responders
/// over the same store.
/// </summary>
internal sealed class AgentsResponder
{
    private const string OtherUserId = "00000000-0000-0000-0000-0000000a11ce";
    private const string OtherOrganizationId = "00000000-0000-0000-0000-0000000a110e";
    private readonly FakeCharacterStore _store = new();
    private readonly TimeProvider _clock;
    private readonly AgentSharingResponder _sharing;
    private readonly SavedAgentsResponder _saved;
    private readonly AgentPublishingResponder _publishing;
    private readonly CharacterMcpResponder _mcp;
    private readonly AgentN8nResponder _n8n;

    public AgentsResponder(TimeProvider clock)
    {
        _clock = clock;
        _sharing = new AgentSharingResponder(_store, clock);
        _saved = new SavedAgentsResponder(_store);
        _publishing = new AgentPublishingResponder(_store, clock);
        _mcp = new CharacterMcpResponder(_store, clock);
        _n8n = new AgentN8nResponder(_store, clock);
    }

    public FakeResponse? Route(FakeCall call)
        => Own(call) ?? _sharing.Route(call) ?? _saved.Route(call) ?? _publishing.Route(call) ?? _mcp.Route(call) ?? _n8n.Route(call);

    /// <summary>The caller's characters, oldest first (the dashboard, credit summary and app characters show them).</summary>
    public List<StoredAgent> Snapshot()
        => _store.Read(all => all.Where(c => c.IsOwnedByCaller).Select(c => c.ToStoredAgent()).ToList());

    /// <summary>Adds a character of the caller as the web dashboard saves it, its bio one string; returns its id.</summary>
    public string AddWebDashboard(string name, string bio)
    {
        var now = _clock.GetUtcNow();
        lock (_store.Gate)
        {
            var character = new FakeCharacter
            {
                Id = FakeFormat.NewId(),
                Name = name,
                Username = FakeUsernames.Generate(name, _store.IsUsernameTaken),
                Bio = [bio],
                BioIsText = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _store.Add(character);
            return character.Id;
        }
    }

    /// <summary>Adds a public character of another user that the caller has chatted with; returns its id.</summary>
    public string AddSaved(string name, string? bio, int messages)
    {
        var now = _clock.GetUtcNow();
        var id = FakeFormat.NewId();
        lock (_store.Gate)
        {
            var character = new FakeCharacter
            {
                Id = id,
                Name = name,
                Username = FakeUsernames.Generate(name, _store.IsUsernameTaken),
                Bio = [bio ?? "A public agent of another user"],
                OwnerUserId = OtherUserId,
                OwnerName = "Other Fake User",
                OrganizationId = OtherOrganizationId,
                Category = "assistant",
                IsPublic = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _store.AddSaved(character, new FakeCharacterStore.SavedChat(messages, 1, now));
        }

        return id;
    }

    private FakeResponse? Own(FakeCall call)
    {
        if (call.Method == "POST" && call.Path == "/api/v1/app/agents")
        {
            return Create(call.Body);
        }

        if (call.Method == "GET" && call.Path == AgentPaths.MyAgents)
        {
            return List(call);
        }

        if (!FakePaths.TryResource(call.Path, AgentPaths.MyAgents, out var id, out var rest) || rest.Length > 0)
        {
            return null;
        }

        return call.Method switch
        {
            "GET" => Get(id),
            "DELETE" => Delete(id),
            _ => null,
        };
    }

    /// <summary>A token can be linked to one agent only; the address is normalized first, as the service stores it.</summary>
    private FakeResponse Create(JsonElement request)
    {
        var name = FakeFormat.Text(request, "name")?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":{"name":{"_errors":["Name must be 1 to 100 characters"]}}}""", HttpStatusCode.BadRequest);
        }

        var chain = FakeFormat.Text(request, "tokenChain");
        var address = FakeFormat.Text(request, "tokenAddress") is { } raw ? TokenAddresses.Normalize(raw, chain) : null;
        lock (_store.Gate)
        {
            if (address is not null && TokenAddresses.Find(_store, address, chain) is { } linked)
            {
                return TokenTaken(address, chain, linked.Id);
            }

            var character = NewCharacter(name, request, address, chain);
            _store.Add(character);
            return Created(character);
        }
    }

    /// <summary>Call under the store's gate (the username must be free).</summary>
    private FakeCharacter NewCharacter(string name, JsonElement request, string? address, string? chain)
    {
        var now = _clock.GetUtcNow();
        return new FakeCharacter
        {
            Id = FakeFormat.NewId(),
            Name = name,
            Username = FakeUsernames.Generate(name, _store.IsUsernameTaken),
            Bio = [FakeFormat.Text(request, "bio")?.Trim() is { Length: > 0 } bio ? bio : "A helpful AI assistant"],
            TokenAddress = address,
            TokenChain = chain,
            TokenName = FakeFormat.Text(request, "tokenName"),
            TokenTicker = FakeFormat.Text(request, "tokenTicker"),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static FakeResponse Created(FakeCharacter character) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("agent");
        w.WriteString("id", character.Id);
        w.WriteString("name", character.Name);
        w.WriteString("username", character.Username);
        AgentJson.WriteBio(w, character);
        w.WriteString("created_at", FakeFormat.Iso(character.CreatedAt));
        AgentJson.WriteTokens(w, character);
        w.WriteEndObject();
    }), HttpStatusCode.Created);

    private static FakeResponse TokenTaken(string address, string? chain, string existingId)
        => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", $"An agent is already linked to token {address}{(chain is null ? string.Empty : " on " + chain)}");
            w.WriteString("existingAgentId", existingId);
        }), HttpStatusCode.Conflict);

    private FakeResponse List(FakeCall call)
    {
        var search = call.QueryValue("search");
        var category = call.QueryValue("category");
        var page = Math.Max(1, FakeQuery.Int(call.Query, "page") ?? 1);
        var limit = Math.Clamp(FakeQuery.Int(call.Query, "limit") ?? 30, 1, 1000);
        var sortBy = call.QueryValue("sortBy") ?? "newest";
        var order = call.QueryValue("order") ?? "desc";
        return _store.Read(all =>
        {
            // The service lists the caller's own characters and those the caller has chatted with (a room links them).
            var matches = Sort(all.Where(c => (c.IsOwnedByCaller || _store.ChatWith(c.Id) is not null) && Matches(c, search, category)).ToList(), sortBy, order);
            var totalPages = (matches.Count + limit - 1) / limit;
            var items = matches.Skip((page - 1) * limit).Take(limit).ToList();
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteStartObject("data");
                w.WriteStartArray("characters");
                items.ForEach(c => AgentJson.WriteSummary(w, c));
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
        });
    }

    private static bool Matches(FakeCharacter c, string? search, string? category)
        => (search is null || c.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || c.Bio.Any(b => b.Contains(search, StringComparison.OrdinalIgnoreCase)))
            && (category is null || category == c.Category);

    /// <summary>The caller's own character (the service looks it up by id and user).</summary>
    private FakeResponse Get(string id)
        => _store.With(
            id,
            c => c.IsOwnedByCaller
                ? FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WriteStartObject("data");
                    w.WritePropertyName("character");
                    AgentJson.WriteRecord(w, c);
                    w.WriteEndObject();
                }))
                : FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found"),
            () => FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found"));

    private FakeResponse Delete(string id)
    {
        var owned = _store.With(id, c => c.IsOwnedByCaller, () => false);
        return owned && _store.Remove(id)
            ? FakeResponse.Json("""{"success":true,"data":{"message":"Character deleted successfully"}}""")
            : FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found or access denied");
    }

    private static List<FakeCharacter> Sort(List<FakeCharacter> characters, string sortBy, string order)
    {
        IEnumerable<FakeCharacter> sorted = sortBy switch
        {
            "name" => characters.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
            "newest" => characters.OrderBy(c => c.CreatedAt),
            "updated" => characters.OrderBy(c => c.UpdatedAt),
            _ => characters,
        };
        return (order == "desc" && sortBy is "name" or "newest" or "updated" ? sorted.Reverse() : sorted).ToList();
    }

    /// <summary>A read-only copy of one of the caller's characters for the routes of other families.</summary>
    internal sealed record StoredAgent(string Id, string Name, string Username, string Bio, bool BioIsText, DateTimeOffset CreatedAt, bool IsPublic, bool MonetizationEnabled)
    {
        /// <summary>Writes the stored bio as the routes that pass it through do: one string, or a list.</summary>
        public void WriteBio(Utf8JsonWriter w)
        {
            if (BioIsText)
            {
                w.WriteString("bio", Bio);
            }
            else
            {
                FakeFormat.WriteStrings(w, "bio", [Bio]);
            }
        }
    }
}
