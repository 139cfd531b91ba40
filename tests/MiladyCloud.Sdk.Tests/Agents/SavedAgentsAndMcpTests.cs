using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Agents;

public class SavedAgentsAndMcpTests : WireMockClientTests
{
    [Test]
    public async Task Saved_ListAsync_maps_every_field()
    {
        Respond("/api/my-agents/saved", "GET", """
            {"success":true,"data":{"agents":[{"id":"5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d","name":"Other","username":"other","avatar_url":"https://x/o.png","bio":"Hi",
             "owner_id":"u2","owner_name":"Ann","last_interaction_time":"2026-04-05T12:00:00.000Z"}],"count":1}}
            """);

        var list = await Api.Client.Agents.Saved.ListAsync();

        var a = list.Agents.Single();
        Assert.Multiple(() =>
        {
            Assert.That(list.Count, Is.EqualTo(1));
            Assert.That(a.Id, Is.EqualTo("5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d"));
            Assert.That(a.Name, Is.EqualTo("Other"));
            Assert.That(a.Username, Is.EqualTo("other"));
            Assert.That(a.AvatarUrl, Is.EqualTo("https://x/o.png"));
            Assert.That(a.Bio!.Text, Is.EqualTo("Hi"));
            Assert.That(a.OwnerId, Is.EqualTo("u2"));
            Assert.That(a.OwnerName, Is.EqualTo("Ann"));
            Assert.That(a.LastInteractionTime, Is.EqualTo("2026-04-05T12:00:00.000Z"));
        });
    }

    [Test]
    public async Task Saved_GetAsync_and_RemoveAsync_use_the_saved_route()
    {
        Respond("/api/my-agents/saved/5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d", "GET", """
            {"success":true,"data":{"agent":{"id":"5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d","name":"Other"},"stats":{"messageCount":3},
             "deletion_warning":"Removing this agent will permanently delete your conversation history with it."}}
            """);
        Respond("/api/my-agents/saved/5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d", "DELETE", """{"success":true,"data":{"message":"Saved agent removed successfully","deleted":{"rooms":2}}}""");

        var detail = await Api.Client.Agents.Saved.GetAsync("5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d");
        var removed = await Api.Client.Agents.Saved.RemoveAsync("5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d");

        Assert.Multiple(() =>
        {
            Assert.That(detail.Agent.Id, Is.EqualTo("5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d"));
            Assert.That(detail.Stats!.Value.GetProperty("messageCount").GetInt32(), Is.EqualTo(3));
            Assert.That(detail.DeletionWarning, Does.StartWith("Removing this agent"));
            Assert.That(removed.Message, Is.EqualTo("Saved agent removed successfully"));
            Assert.That(removed.Deleted!.Value.GetProperty("rooms").GetInt32(), Is.EqualTo(2));
            Assert.That(Api.Server.LogEntries.Select(e => e.RequestMessage!.Method), Is.EqualTo(new[] { "GET", "DELETE" }));
        });
    }

    [Test]
    public async Task Mcp_GetAsync_maps_servers_by_id()
    {
        Respond("/api/characters/7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d/mcps", "GET", """
            {"characterId":"7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d","mcpSettings":{"servers":{"weather":{"type":"streamable-http","url":"https://cloud.milady.ai/api/mcp/weather","timeout":30000}},"maxRetries":2},
             "pluginMcpEnabled":true,"enabledServers":["weather"],"serverCount":1}
            """);

        var config = await Api.Client.Agents.Mcp.GetAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d");

        var server = config.McpSettings!.Servers["weather"];
        Assert.Multiple(() =>
        {
            Assert.That(config.CharacterId, Is.EqualTo("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d"));
            Assert.That(server.Type, Is.EqualTo(AgentMcpServerType.StreamableHttp));
            Assert.That(server.Url, Is.EqualTo("https://cloud.milady.ai/api/mcp/weather"));
            Assert.That(server.Timeout, Is.EqualTo(30000));
            Assert.That(config.McpSettings.MaxRetries, Is.EqualTo(2));
            Assert.That(config.PluginMcpEnabled, Is.True);
            Assert.That(config.EnabledServers, Is.EqualTo(new[] { "weather" }));
            Assert.That(config.ServerCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Mcp_ReplaceAsync_puts_the_settings()
    {
        Respond("/api/characters/7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d/mcps", "PUT", """{"success":true,"characterId":"7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d","mcpSettings":{"servers":{"w":{"type":"stdio","url":"/api/mcp/w"}},"maxRetries":1},"pluginMcpEnabled":false,"enabledServers":["w"],"serverCount":1}""");
        var settings = new AgentMcpSettings
        {
            Servers = new Dictionary<string, AgentMcpServer> { ["w"] = new() { Type = AgentMcpServerType.Stdio, Url = "/api/mcp/w" } },
            MaxRetries = 1,
        };

        var result = await Api.Client.Agents.Mcp.ReplaceAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", settings, enablePlugin: false);

        Assert.That(result, Is.EqualTo(new[] { "w" }));
        AssertBody("""{"mcpSettings":{"servers":{"w":{"type":"stdio","url":"/api/mcp/w"}},"maxRetries":1},"enablePlugin":false}""");
    }

    [Test]
    public async Task Mcp_AddServerAsync_posts_id_and_config()
    {
        Respond("/api/characters/7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d/mcps", "POST", """{"success":true,"enabledServers":["w","x"]}""");

        var result = await Api.Client.Agents.Mcp.AddServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", "x", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "https://m.example/mcp", Timeout = 1000 });

        Assert.That(result, Is.EqualTo(new[] { "w", "x" }));
        AssertBody("""{"serverId":"x","serverConfig":{"type":"streamable-http","url":"https://m.example/mcp","timeout":1000}}""");
    }

    [Test]
    public async Task Mcp_RemoveServerAsync_sends_the_id_as_query()
    {
        Respond("/api/characters/7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d/mcps", "DELETE", """{"success":true,"characterId":"7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d","removedServerId":"weather tool","mcpSettings":{"servers":{"docs":{"type":"stdio","url":"/api/mcp/docs"}}},"enabledServers":["docs"]}""");

        var result = await Api.Client.Agents.Mcp.RemoveServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", "weather tool");

        Assert.That(result, Is.EqualTo(new[] { "docs" }));
        Assert.That(Api.SingleRequest().RequestMessage!.RawQuery, Is.EqualTo("?serverId=weather%20tool"));
    }

    [Test]
    public async Task Mcp_RemoveServerAsync_returns_no_servers_when_the_stored_settings_were_unreadable()
    {
        // The server's answer when it cannot parse what is stored: no list, nothing changed.
        Respond("/api/characters/7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d/mcps", "DELETE", """{"success":true,"message":"Server not found (invalid settings)"}""");

        var result = await Api.Client.Agents.Mcp.RemoveServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", "docs");

        Assert.That(result, Is.Empty);
    }

    [Test]
    public void Mcp_limits_are_checked_before_sending()
    {
        var tooMany = new AgentMcpSettings { Servers = Enumerable.Range(0, 51).ToDictionary(i => $"s{i}", _ => new AgentMcpServer { Type = AgentMcpServerType.Stdio, Url = "/x" }) };
        var badTimeout = new AgentMcpServer { Type = AgentMcpServerType.Stdio, Url = "/x", Timeout = 300_001 };

        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.Mcp.ReplaceAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", tooMany));
        Assert.CatchAsync<ArgumentException>(() => Api.Client.Agents.Mcp.ReplaceAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", new AgentMcpSettings { Servers = new Dictionary<string, AgentMcpServer>(), MaxRetries = 11 }));
        Assert.CatchAsync<ArgumentException>(() => Api.Client.Agents.Mcp.AddServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", "x", badTimeout));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.Mcp.AddServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", new string('i', 101), new AgentMcpServer { Type = AgentMcpServerType.Stdio, Url = "/x" }));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.Mcp.AddServerAsync("7c9e1a3b-5d6f-4a8b-9c0d-1e2f3a4b5c6d", "x", new AgentMcpServer { Type = AgentMcpServerType.Stdio, Url = new string('u', 2049) }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }
}
