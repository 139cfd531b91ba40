using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The account routes: <c>/dashboard</c> (counters from the journal, the caller's characters and containers),
/// <c>/user</c> (one profile that <c>PATCH</c> changes) and the organization's server wallets.
/// </summary>
internal sealed partial class AccountResponder(FakeLedger ledger, AgentsResponder agents, ContainersResponder containers, ConcurrentQueue<RecordedRequest> journal, TimeProvider clock)
{
    private static readonly string[] WorkFunctions = ["developer", "designer", "product", "data", "marketing", "sales", "other"];
    private readonly object _gate = new();
    private readonly DateTimeOffset _createdAt = clock.GetUtcNow();
    private readonly List<Wallet> _wallets = [];
    private string _name = "Fake User";
    private string? _avatar;
    private string? _nickname;
    private string? _workFunction;
    private string? _preferences;
    private bool _responseNotifications = true;
    private bool _emailNotifications = true;
    private DateTimeOffset? _updatedAt;

    public FakeResponse? Route(FakeCall call) => (call.Method, call.Path) switch
    {
        ("GET", "/api/v1/dashboard") => Dashboard(),
        ("GET", "/api/v1/user") => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            WriteUser(w, full: true);
        })),
        ("PATCH", "/api/v1/user") => Update(call.Body),
        ("GET", "/api/v1/user/wallets") => Wallets(),
        ("POST", "/api/v1/user/wallets/provision") => Provision(call.Body),
        _ => null,
    };

    private FakeResponse Dashboard()
    {
        var requests = journal.ToArray();
        var images = requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/generate-image", StringComparison.Ordinal));
        var videos = requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/generate-video", StringComparison.Ordinal));
        var chats = requests.Any(r => r.Method == "POST" && (r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) || r.Path.EndsWith("/messages", StringComparison.Ordinal)));
        var characters = agents.Snapshot();
        var response = FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartObject("user");
            lock (_gate)
            {
                w.WriteString("name", _name);
            }

            w.WriteEndObject();
            w.WriteStartObject("stats");
            w.WriteNumber("totalGenerations", images + videos);
            w.WriteNumber("apiCalls24h", requests.Length);
            w.WriteNumber("imageGenerations", images);
            w.WriteNumber("videoGenerations", videos);
            w.WriteEndObject();
            w.WriteStartObject("onboarding");
            w.WriteBoolean("hasAgents", characters.Count > 0);
            w.WriteBoolean("hasApiKey", true);
            w.WriteBoolean("hasChatHistory", chats);
            w.WriteEndObject();
            w.WriteStartArray("agents");
            foreach (var character in characters)
            {
                WriteAgent(w, character);
            }

            w.WriteEndArray();
            w.WriteStartArray("containers");
            containers.WriteDashboardItems(w);
            w.WriteEndArray();
        }));
        response.Headers["Cache-Control"] = "private, max-age=30, stale-while-revalidate=60";
        return response;
    }

    private static void WriteAgent(Utf8JsonWriter w, AgentsResponder.StoredAgent character)
    {
        w.WriteStartObject();
        w.WriteString("id", character.Id);
        w.WriteString("name", character.Name);
        character.WriteBio(w);
        w.WriteNull("avatarUrl");
        w.WriteNull("category");
        w.WriteBoolean("isPublic", character.IsPublic);
        w.WriteStartObject("stats");
        w.WriteNumber("roomCount", 0);
        w.WriteNumber("messageCount", 0);
        w.WriteString("deploymentStatus", "draft");
        w.WriteNull("lastActiveAt");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private FakeResponse Update(JsonElement body)
    {
        var name = FakeFormat.Text(body, "name");
        var avatar = FakeFormat.Text(body, "avatar");
        var nickname = FakeFormat.Text(body, "nickname");
        var work = FakeFormat.Text(body, "work_function");
        var preferences = FakeFormat.Text(body, "preferences");
        var problem = name is { Length: > 100 } ? "name must be at most 100 characters"
            : avatar is { Length: > 0 } && !Uri.TryCreate(avatar, UriKind.Absolute, out _) ? "avatar must be a URL"
            : nickname is { Length: > 50 } ? "nickname must be at most 50 characters"
            : work is not null && !WorkFunctions.Contains(work) ? "Invalid work function"
            : preferences is { Length: > 1000 } ? "preferences must be at most 1000 characters"
            : null;
        if (problem is not null)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", false);
                w.WriteString("error", "Validation error");
                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("message", problem);
                w.WriteEndObject();
                w.WriteEndArray();
            }), HttpStatusCode.BadRequest);
        }

        lock (_gate)
        {
            // An empty name is ignored; an empty avatar clears it.
            _name = string.IsNullOrEmpty(name) ? _name : name;
            _avatar = avatar is null ? _avatar : avatar.Length == 0 ? null : avatar;
            _nickname = nickname ?? _nickname;
            _workFunction = work ?? _workFunction;
            _preferences = preferences ?? _preferences;
            _responseNotifications = FakeFormat.Bool(body, "response_notifications") ?? _responseNotifications;
            _emailNotifications = FakeFormat.Bool(body, "email_notifications") ?? _emailNotifications;
            _updatedAt = clock.GetUtcNow();
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            WriteUser(w, full: false);
            w.WriteString("message", "Profile updated successfully");
        }));
    }

    /// <summary>The profile; the update answer leaves out verification, activity, creation and the organization.</summary>
    private void WriteUser(Utf8JsonWriter w, bool full)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteString("id", FakeAccount.UserId);
            w.WriteString("email", FakeAccount.Email);
            w.WriteString("name", _name);
            FakeFormat.WriteNullable(w, "avatar", _avatar);
            FakeFormat.WriteNullable(w, "nickname", _nickname);
            FakeFormat.WriteNullable(w, "work_function", _workFunction);
            FakeFormat.WriteNullable(w, "preferences", _preferences);
            w.WriteBoolean("response_notifications", _responseNotifications);
            w.WriteBoolean("email_notifications", _emailNotifications);
            w.WriteString("role", "owner");
            if (full)
            {
                w.WriteBoolean("email_verified", true);
            }

            w.WriteNull("wallet_address");
            w.WriteNull("wallet_chain_type");
            w.WriteBoolean("wallet_verified", false);
            if (full)
            {
                w.WriteBoolean("is_active", true);
                w.WriteString("created_at", FakeFormat.Iso(_createdAt));
            }

            w.WriteString("updated_at", FakeFormat.Iso(_updatedAt ?? _createdAt));
            if (full)
            {
                w.WriteStartObject("organization");
                w.WriteString("id", FakeAccount.OrganizationId);
                w.WriteString("name", FakeAccount.OrganizationName);
                w.WriteString("slug", FakeAccount.OrganizationSlug);
                // The balance column is numeric, so the database sends it as text.
                w.WriteString("credit_balance", FakeFormat.Numeric(ledger.Balance));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }
    }

    private FakeResponse Wallets()
    {
        lock (_gate)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteStartArray("data");
                foreach (var wallet in _wallets)
                {
                    WriteWallet(w, wallet, full: true);
                }

                w.WriteEndArray();
            }));
        }
    }

    /// <summary>Idempotent per client address and chain, as on the real service.</summary>
    private FakeResponse Provision(JsonElement body)
    {
        var chain = FakeFormat.Text(body, "chainType");
        var client = FakeFormat.Text(body, "clientAddress");
        var character = FakeFormat.Text(body, "characterId");
        var valid = chain switch
        {
            "evm" => client is not null && EvmAddress().IsMatch(client),
            "solana" => client is not null && SolanaAddress().IsMatch(client),
            _ => false,
        };
        if (!valid || (character is not null && !Guid.TryParse(character, out _)))
        {
            return FakeResponse.Json("""{"success":false,"error":"Validation error","details":[{"path":["clientAddress"],"message":"Invalid address for the chain"}]}""", HttpStatusCode.BadRequest);
        }

        Wallet wallet;
        lock (_gate)
        {
            wallet = _wallets.FirstOrDefault(x => x.ChainType == chain && x.ClientAddress == client)
                ?? new Wallet(FakeFormat.NewId(), NewAddress(chain!), chain!, client!, character, clock.GetUtcNow());
            if (!_wallets.Contains(wallet))
            {
                _wallets.Add(wallet);
            }
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            WriteWallet(w, wallet, full: false);
        }));
    }

    private static void WriteWallet(Utf8JsonWriter w, Wallet wallet, bool full)
    {
        w.WriteStartObject();
        w.WriteString("id", wallet.Id);
        w.WriteString("address", wallet.Address);
        w.WriteString("chainType", wallet.ChainType);
        w.WriteString("clientAddress", wallet.ClientAddress);
        if (full)
        {
            w.WriteString("walletProvider", "steward");
            FakeFormat.WriteNullable(w, "stewardAgentId", wallet.CharacterId);
            w.WriteString("createdAt", FakeFormat.Iso(wallet.CreatedAt));
        }

        w.WriteEndObject();
    }

    private static string NewAddress(string chain)
    {
        if (chain == "evm")
        {
            return "0x" + FakeFormat.Hex(20);
        }

        const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        return string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetBytes(44).Select(b => Base58[b % Base58.Length]));
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex EvmAddress();

    [GeneratedRegex("^[1-9A-HJ-NP-Za-km-z]{32,44}$")]
    private static partial Regex SolanaAddress();

    private sealed record Wallet(string Id, string Address, string ChainType, string ClientAddress, string? CharacterId, DateTimeOffset CreatedAt);
}
