using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// Copying and sharing characters: clone, stats and share status under <c>/api/my-agents/characters/{id}</c>, and the
/// public profile under <c>/api/characters/{id}/public</c>.
/// </summary>
internal sealed class AgentSharingResponder(FakeCharacterStore store, TimeProvider clock)
{
    public FakeResponse? Route(FakeCall call)
    {
        if (FakePaths.TryResource(call.Path, AgentPaths.MyAgents, out var id, out var rest))
        {
            return (call.Method, rest) switch
            {
                ("POST", "clone") => Clone(id, call.Body),
                ("GET", "stats") => Stats(id),
                ("GET", "share") => ShareStatus(id, FakePaths.SiteUrl(call)),
                ("PUT", "share") => SetShareStatus(id, call.Body, FakePaths.SiteUrl(call)),
                _ => null,
            };
        }

        return call.Method == "GET" && FakePaths.TryResource(call.Path, AgentPaths.Characters, out id, out rest) && rest == "public"
            ? PublicProfile(id, FakeRouter.HasSession(call.Request))
            : null;
    }

    /// <summary>Any character may be copied (the service does not check who owns the original); the copy is the caller's.</summary>
    private FakeResponse Clone(string id, JsonElement body)
    {
        lock (store.Gate)
        {
            return store.With(id, original => CloneOf(original, body), () => FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found"));
        }
    }

    private FakeResponse CloneOf(FakeCharacter original, JsonElement body)
    {
        var name = FakeFormat.Text(body, "name") is { Length: > 0 } given ? given : original.Name + " (Copy)";
        string username;
        if (FakeFormat.Text(body, "username") is { Length: > 0 } wanted)
        {
            var (valid, error) = FakeUsernames.Validate(wanted);
            if (valid is null || store.IsUsernameTaken(valid))
            {
                return FakeFormat.Failure(HttpStatusCode.BadRequest, valid is null ? "Invalid username: " + error : "Username is already taken");
            }

            username = valid;
        }
        else
        {
            username = FakeUsernames.Generate(name, store.IsUsernameTaken);
        }

        var now = clock.GetUtcNow();
        var copy = new FakeCharacter
        {
            Id = FakeFormat.NewId(),
            Name = name,
            Username = username,
            Bio = [.. original.Bio],
            BioIsText = original.BioIsText,
            System = original.System,
            AvatarUrl = original.AvatarUrl,
            Category = original.Category,
            Tags = [.. original.Tags],
            Plugins = [.. original.Plugins],
            McpSettings = original.McpSettings?.DeepClone().AsObject(),
            IsPublic = FakeFormat.Bool(body, "makePublic") ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        store.Add(copy);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WritePropertyName("character");
            AgentJson.WriteRecord(w, copy);
            w.WriteString("message", "Character cloned successfully");
            w.WriteEndObject();
        }));
    }

    /// <summary>The service's counters are placeholders: always zero.</summary>
    private FakeResponse Stats(string id)
        => store.With(
            id,
            c => c.IsOwnedByCaller ? FakeResponse.Json("""{"success":true,"data":{"stats":{"views":0,"interactions":0,"messageCount":0}}}""") : CharacterNotFound(),
            CharacterNotFound);

    private FakeResponse ShareStatus(string id, string site)
        => store.With(
            id,
            c => c.IsOwnedByCaller
                ? FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WriteStartObject("data");
                    w.WriteBoolean("isPublic", c.IsPublic);
                    WriteShareLinks(w, c, site, withEndpoints: true);
                    w.WriteEndObject();
                }))
                : CharacterNotFound(),
            CharacterNotFound);

    /// <summary>Ownership is checked before the body, as the service does.</summary>
    private FakeResponse SetShareStatus(string id, JsonElement body, string site)
        => store.With(
            id,
            c => c.IsOwnedByCaller ? ApplyShareStatus(c, body, site) : FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found or access denied"),
            () => FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found or access denied"));

    private FakeResponse ApplyShareStatus(FakeCharacter c, JsonElement body, string site)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // The service parses the body without a guard: a missing or broken body is an unhandled 500.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        if (FakeFormat.Bool(body, "isPublic") is not { } isPublic)
        {
            return InvalidShareBody(FakeFormat.Member(body, "isPublic"));
        }

        c.IsPublic = isPublic;
        c.UpdatedAt = clock.GetUtcNow();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteString("characterId", c.Id);
            w.WriteString("characterName", c.Name);
            w.WriteBoolean("isPublic", c.IsPublic);
            w.WriteString("message", c.IsPublic
                ? $"\"{c.Name}\" is now publicly shareable! Anyone with the link can chat with this character."
                : $"\"{c.Name}\" is now private. Only you can chat with this character.");
            WriteShareLinks(w, c, site, withEndpoints: false);
            w.WriteEndObject();
        }));
    }

    /// <summary>The zod issue list the service returns in <c>details</c> (zod 4: no <c>received</c> member, the type is in the message).</summary>
    private static FakeResponse InvalidShareBody(JsonElement given)
    {
        var received = given.ValueKind switch
        {
            JsonValueKind.Undefined => "undefined",
            JsonValueKind.Null => "null",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.Array => "array",
            _ => "object",
        };
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", "Invalid request body");
            w.WriteStartArray("details");
            w.WriteStartObject();
            w.WriteString("expected", "boolean");
            w.WriteString("code", "invalid_type");
            FakeFormat.WriteStrings(w, "path", ["isPublic"]);
            w.WriteString("message", "Invalid input: expected boolean, received " + received);
            w.WriteEndObject();
            w.WriteEndArray();
        }), HttpStatusCode.BadRequest);
    }

    private static void WriteShareLinks(Utf8JsonWriter w, FakeCharacter c, string site, bool withEndpoints)
    {
        if (!c.IsPublic)
        {
            w.WriteNull("shareUrl");
            w.WriteNull("shareInfo");
            return;
        }

        w.WriteString("shareUrl", $"{site}/chat/{c.Id}");
        w.WriteStartObject("shareInfo");
        w.WriteString("chatUrl", $"{site}/chat/{c.Id}");
        w.WriteString("dashboardChatUrl", $"{site}/dashboard/chat?characterId={c.Id}");
        if (withEndpoints)
        {
            w.WriteString("a2aEndpoint", $"{site}/api/agents/{c.Id}/a2a");
            w.WriteString("mcpEndpoint", $"{site}/api/agents/{c.Id}/mcp");
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Public characters are visible to anyone; a private one only to its owner, and the service recognises the owner by the
    /// browser session only (an API key is not read on this route).
    /// </summary>
    private FakeResponse PublicProfile(string id, bool hasSession)
        => store.With(
            id,
            c => c.IsPublic || (hasSession && c.IsOwnedByCaller)
                ? FakeResponse.Json(JsonText.Object(w =>
                {
                    w.WriteBoolean("success", true);
                    w.WriteStartObject("data");
                    w.WriteString("id", c.Id);
                    w.WriteString("name", c.Name);
                    w.WriteString("username", c.Username);
                    FakeFormat.WriteNullable(w, "avatarUrl", c.AvatarUrl);
                    if (c.Bio.Count > 0)
                    {
                        // The first paragraph; JSON leaves out the undefined first element of an empty list.
                        w.WriteString("bio", c.Bio[0]);
                    }

                    FakeFormat.WriteNullable(w, "category", c.Category);
                    FakeFormat.WriteStrings(w, "tags", c.Tags);
                    w.WriteNumber("viewCount", 0);
                    w.WriteNumber("interactionCount", 0);
                    w.WriteBoolean("monetizationEnabled", c.MonetizationEnabled);
                    w.WriteEndObject();
                }))
                : FakeFormat.Failure(HttpStatusCode.NotFound, "Character not available"),
            CharacterNotFound);

    private static FakeResponse CharacterNotFound() => FakeFormat.Failure(HttpStatusCode.NotFound, "Character not found");
}
