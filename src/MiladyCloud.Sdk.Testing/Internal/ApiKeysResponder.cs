using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/api-keys</c>: the organization's keys in memory, starting with the fake's own key. A created or regenerated key
/// works against the fake until it is deactivated, regenerated or deleted; its secret is in the create answer (and,
/// like the real list, in every list answer).
/// </summary>
internal sealed class ApiKeysResponder
{
    private const string Prefix = "/api/v1/api-keys";
    private readonly object _gate = new();
    private readonly List<StoredKey> _keys = [];
    private readonly FakeKeyRing _ring;
    private readonly TimeProvider _clock;

    public ApiKeysResponder(FakeKeyRing ring, TimeProvider clock, string defaultKey)
    {
        _ring = ring;
        _clock = clock;
        var now = clock.GetUtcNow();
        _keys.Add(new StoredKey(FakeFormat.NewId(), defaultKey, now) { Name = "Default API Key", RateLimit = 1000 });
    }

    public static bool IsKeyPath(string path) => path == Prefix || path.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public FakeResponse? Route(FakeCall call)
    {
        if (!IsKeyPath(call.Path))
        {
            return null;
        }

        if (call.Path == Prefix)
        {
            return call.Method switch
            {
                "GET" => List(),
                "POST" => Create(call.Body),
                _ => null,
            };
        }

        var rest = call.Path[(Prefix.Length + 1)..];
        var regenerate = rest.EndsWith("/regenerate", StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(regenerate ? rest[..^"/regenerate".Length] : rest);
        return (call.Method, regenerate) switch
        {
            ("PATCH", false) => Update(id, call.Body),
            ("DELETE", false) => Delete(id),
            ("POST", true) => Regenerate(id),
            _ => null,
        };
    }

    private FakeResponse List()
    {
        lock (_gate)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteStartArray("keys");
                foreach (var key in _keys)
                {
                    WriteRow(w, key);
                }

                w.WriteEndArray();
            }));
        }
    }

    private FakeResponse Create(JsonElement body)
    {
        var name = FakeFormat.Text(body, "name")?.Trim();
        var rateLimit = RateLimit(body) ?? 1000;
        var permissions = FakeFormat.Strings(body, "permissions") ?? [];
        if (name is not { Length: >= 1 and <= 100 } || rateLimit is < 1 or > 100000 || permissions.Count > 50)
        {
            return ValidationError("name must be 1-100 characters, rate_limit 1-100000, at most 50 permissions");
        }

        var key = new StoredKey(FakeFormat.NewId(), FakeFormat.NewApiKey(), _clock.GetUtcNow())
        {
            Name = name,
            Description = EmptyAsNull(FakeFormat.Text(body, "description")?.Trim()),
            Permissions = permissions,
            RateLimit = rateLimit,
            ExpiresAt = Date(FakeFormat.Text(body, "expires_at")),
        };
        lock (_gate)
        {
            _keys.Add(key);
        }

        _ring.Add(key.Secret);
        return new FakeResponse { Status = HttpStatusCode.Created, Body = Issued(key) };
    }

    private FakeResponse Update(string id, JsonElement body)
    {
        var rateLimit = RateLimit(body);
        var name = FakeFormat.Text(body, "name")?.Trim();
        if (body.ValueKind != JsonValueKind.Object || !body.EnumerateObject().Any() || name is { Length: < 1 or > 100 } || rateLimit is < 1 or > 100000)
        {
            return ValidationError("At least one field is required");
        }

        lock (_gate)
        {
            if (Find(id) is not { } key)
            {
                return NotFound();
            }

            key.Name = name ?? key.Name;
            key.Description = body.TryGetProperty("description", out var description) ? EmptyAsNull(description.ValueKind == JsonValueKind.String ? description.GetString()!.Trim() : null) : key.Description;
            key.Permissions = FakeFormat.Strings(body, "permissions") ?? key.Permissions;
            key.RateLimit = rateLimit ?? key.RateLimit;
            key.IsActive = FakeFormat.Bool(body, "is_active") ?? key.IsActive;
            key.ExpiresAt = body.TryGetProperty("expires_at", out _) ? Date(FakeFormat.Text(body, "expires_at")) : key.ExpiresAt;
            key.UpdatedAt = _clock.GetUtcNow();
            SyncRing(key);
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WritePropertyName("apiKey");
                WriteRecord(w, key, withActive: true);
            }));
        }
    }

    private FakeResponse Delete(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } key)
            {
                return NotFound();
            }

            _keys.Remove(key);
            _ring.Remove(key.Secret);
        }

        return FakeResponse.Json("""{"success":true}""");
    }

    private FakeResponse Regenerate(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } key)
            {
                return NotFound();
            }

            _ring.Remove(key.Secret);
            key.Secret = FakeFormat.NewApiKey();
            key.UpdatedAt = _clock.GetUtcNow();
            SyncRing(key);
            return FakeResponse.Json(Issued(key));
        }
    }

    /// <summary>The fake's own key stays accepted whatever happens to its record; other keys work while active and unexpired.</summary>
    private void SyncRing(StoredKey key)
    {
        if (key.IsActive && (key.ExpiresAt is null || key.ExpiresAt > _clock.GetUtcNow()))
        {
            _ring.Add(key.Secret);
        }
        else
        {
            _ring.Remove(key.Secret);
        }
    }

    private static string Issued(StoredKey key) => JsonText.Object(w =>
    {
        w.WritePropertyName("apiKey");
        WriteRecord(w, key, withActive: false);
        w.WriteString("plainKey", key.Secret);
    });

    private static void WriteRecord(Utf8JsonWriter w, StoredKey key, bool withActive)
    {
        w.WriteStartObject();
        w.WriteString("id", key.Id);
        w.WriteString("name", key.Name);
        FakeFormat.WriteNullable(w, "description", key.Description);
        w.WriteString("key_prefix", key.Secret[..12]);
        w.WriteString("created_at", FakeFormat.Iso(key.CreatedAt));
        FakeFormat.WriteStrings(w, "permissions", key.Permissions);
        w.WriteNumber("rate_limit", key.RateLimit);
        FakeFormat.WriteNullable(w, "expires_at", key.ExpiresAt);
        if (withActive)
        {
            w.WriteBoolean("is_active", key.IsActive);
        }

        w.WriteEndObject();
    }

    /// <summary>The whole table row, secret included, as the list sends it.</summary>
    private static void WriteRow(Utf8JsonWriter w, StoredKey key)
    {
        w.WriteStartObject();
        w.WriteString("id", key.Id);
        w.WriteString("name", key.Name);
        FakeFormat.WriteNullable(w, "description", key.Description);
        w.WriteString("key", key.Secret);
        w.WriteString("key_hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Secret))));
        w.WriteString("key_prefix", key.Secret[..12]);
        w.WriteString("organization_id", FakeAccount.OrganizationId);
        w.WriteString("user_id", FakeAccount.UserId);
        FakeFormat.WriteStrings(w, "permissions", key.Permissions);
        w.WriteNumber("rate_limit", key.RateLimit);
        w.WriteBoolean("is_active", key.IsActive);
        w.WriteNumber("usage_count", 0);
        FakeFormat.WriteNullable(w, "expires_at", key.ExpiresAt);
        w.WriteNull("last_used_at");
        w.WriteString("created_at", FakeFormat.Iso(key.CreatedAt));
        w.WriteString("updated_at", FakeFormat.Iso(key.UpdatedAt));
        w.WriteEndObject();
    }

    private StoredKey? Find(string id) => _keys.FirstOrDefault(k => k.Id == id);

    /// <summary>The server accepts the rate limit as a number or a numeric string.</summary>
    private static int? RateLimit(JsonElement body)
    {
        var value = FakeFormat.Member(body, "rate_limit");
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => 0,
        };
    }

    private static DateTimeOffset? Date(string? text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string? EmptyAsNull(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static FakeResponse ValidationError(string message) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Validation error");
        w.WriteStartArray("details");
        w.WriteStartObject();
        w.WriteString("code", "custom");
        w.WriteStartArray("path");
        w.WriteEndArray();
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndArray();
    }), HttpStatusCode.BadRequest);

    private static FakeResponse NotFound() => FakeFormat.PlainError(HttpStatusCode.NotFound, "API key not found");

    private sealed class StoredKey(string id, string secret, DateTimeOffset createdAt)
    {
        public string Id => id;

        public string Secret { get; set; } = secret;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset UpdatedAt { get; set; } = createdAt;

        public required string Name { get; set; }

        public string? Description { get; set; }

        public List<string> Permissions { get; set; } = [];

        public int RateLimit { get; set; }

        public bool IsActive { get; set; } = true;

        public DateTimeOffset? ExpiresAt { get; set; }
    }
}
