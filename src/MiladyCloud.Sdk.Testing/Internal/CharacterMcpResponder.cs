using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/api/characters/{id}/mcps</c>: a character's MCP servers, kept in its settings. Reads show site paths as full
/// URLs; a character with servers gets the MCP plugin, one without loses it. Errors are <c>{"error":…}</c>.
/// </summary>
internal sealed class CharacterMcpResponder(FakeCharacterStore store, TimeProvider clock)
{
    public FakeResponse? Route(FakeCall call)
    {
        if (!FakePaths.TryResource(call.Path, AgentPaths.Characters, out var id, out var rest) || rest != "mcps")
        {
            return null;
        }

        return call.Method switch
        {
            "GET" => Read(id, FakePaths.SiteUrl(call)),
            "PUT" => Replace(id, call.Body),
            "POST" => Add(id, call.Body),
            "DELETE" => Remove(id, call.QueryValue("serverId")),
            _ => null,
        };
    }

    private FakeResponse Read(string id, string site) => Owned(id, c =>
    {
        var settings = Current(c);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("characterId", c.Id);
            w.WritePropertyName("mcpSettings");
            ForDisplay(settings, site).WriteTo(w);
            w.WriteBoolean("pluginMcpEnabled", c.Plugins.Contains(FakeCharacter.McpPlugin));
            WriteServerIds(w, settings);
            w.WriteNumber("serverCount", Servers(settings).Count);
        }));
    });

    /// <summary>The body is validated before the character is looked up, as the route does.</summary>
    private FakeResponse Replace(string id, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return FakeFormat.PlainError(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        var validator = new McpSettingsValidator();
        var settings = validator.Settings(FakeFormat.Member(body, "mcpSettings"), "mcpSettings");
        var enablePlugin = validator.Flag(FakeFormat.Member(body, "enablePlugin"), "enablePlugin", fallback: true);
        if (settings is null || validator.Issues.Count > 0)
        {
            return InvalidBody(validator);
        }

        return Owned(id, c =>
        {
            var hasServers = Servers(settings).Count > 0;
            Store(c, settings, addPlugin: enablePlugin && hasServers, removePlugin: !hasServers);
            return Updated(c, settings, w =>
            {
                w.WriteBoolean("pluginMcpEnabled", c.Plugins.Contains(FakeCharacter.McpPlugin));
                WriteServerIds(w, settings);
                w.WriteNumber("serverCount", Servers(settings).Count);
            });
        });
    }

    private FakeResponse Add(string id, JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return FakeFormat.PlainError(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        var validator = new McpSettingsValidator();
        var serverId = validator.RequiredText(FakeFormat.Member(body, "serverId"), "serverId", 100);
        var server = validator.Server(FakeFormat.Member(body, "serverConfig"), "serverConfig");
        if (serverId is null || server is null)
        {
            return InvalidBody(validator);
        }

        return Owned(id, c =>
        {
            var settings = Current(c);
            Servers(settings)[serverId] = server;
            Store(c, settings, addPlugin: true, removePlugin: false);
            return Updated(c, settings, w =>
            {
                w.WriteString("serverId", serverId);
                WriteServerIds(w, settings);
            });
        });
    }

    private FakeResponse Remove(string id, string? serverId)
    {
        if (string.IsNullOrEmpty(serverId))
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Missing serverId query parameter");
        }

        return Owned(id, c =>
        {
            var settings = Current(c);
            Servers(settings).Remove(serverId);
            Store(c, settings, addPlugin: false, removePlugin: Servers(settings).Count == 0);
            return Updated(c, settings, w =>
            {
                w.WriteString("removedServerId", serverId);
                WriteServerIds(w, settings);
            });
        });
    }

    /// <summary>The character's owner, or anyone of its organization, may read and change its MCP settings.</summary>
    private FakeResponse Owned(string id, Func<FakeCharacter, FakeResponse> action)
        => store.With(
            id,
            c => c.IsOwnedByCaller || c.IsInCallersOrganization ? action(c) : FakeFormat.PlainError(HttpStatusCode.Forbidden, "Unauthorized"),
            () => FakeFormat.PlainError(HttpStatusCode.NotFound, "Character not found"));

    private void Store(FakeCharacter c, JsonObject settings, bool addPlugin, bool removePlugin)
    {
        c.McpSettings = settings;
        if (addPlugin && !c.Plugins.Contains(FakeCharacter.McpPlugin))
        {
            c.Plugins.Add(FakeCharacter.McpPlugin);
        }
        else if (removePlugin)
        {
            c.Plugins.Remove(FakeCharacter.McpPlugin);
        }

        c.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>A copy of the stored settings, or no servers when there are none.</summary>
    private static JsonObject Current(FakeCharacter c)
        => c.McpSettings?.DeepClone().AsObject() ?? new JsonObject { ["servers"] = new JsonObject() };

    private static JsonObject Servers(JsonObject settings) => settings["servers"]!.AsObject();

    /// <summary>Site paths (<c>/api/mcp/…</c>) become full URLs on the site that was asked; reads only, the stored value keeps the path.</summary>
    private static JsonObject ForDisplay(JsonObject settings, string site)
    {
        var display = settings.DeepClone().AsObject();
        foreach (var (_, server) in Servers(display))
        {
            if (server!["url"]!.GetValue<string>() is { } url && url.StartsWith('/'))
            {
                server["url"] = site + url;
            }
        }

        return display;
    }

    private static FakeResponse Updated(FakeCharacter c, JsonObject settings, Action<Utf8JsonWriter> members) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteString("characterId", c.Id);
        members(w);
        w.WritePropertyName("mcpSettings");
        settings.WriteTo(w);
    }));

    private static void WriteServerIds(Utf8JsonWriter w, JsonObject settings)
        => FakeFormat.WriteStrings(w, "enabledServers", Servers(settings).Select(s => s.Key));

    private static FakeResponse InvalidBody(McpSettingsValidator validator) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Invalid request body");
        w.WriteStartArray("details");
        foreach (var (field, message) in validator.Issues)
        {
            w.WriteStartObject();
            w.WriteString("field", field);
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }), HttpStatusCode.BadRequest);
}
