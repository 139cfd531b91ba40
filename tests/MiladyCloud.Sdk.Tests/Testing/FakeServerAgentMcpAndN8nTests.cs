using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's MCP settings routes (through <see cref="AgentMcpClient"/>) and its n8n plugin stand-in.</summary>
public class FakeServerAgentMcpAndN8nTests
{
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;
    private string _agentId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
        _agentId = (await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" })).Id;
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_character_starts_without_MCP_servers()
    {
        var settings = await _client.Agents.Mcp.GetAsync(_agentId);

        Assert.That((settings.CharacterId, settings.PluginMcpEnabled, settings.ServerCount, settings.McpSettings!.Servers.Count), Is.EqualTo((_agentId, (bool?)false, (int?)0, 0)));
    }

    [Test]
    public async Task Replaced_settings_round_trip_with_site_paths_shown_as_full_URLs_and_the_plugin_enabled()
    {
        var servers = new Dictionary<string, AgentMcpServer>
        {
            ["docs"] = new() { Type = AgentMcpServerType.StreamableHttp, Url = "https://mcp.example/docs", Timeout = 30_000 },
            ["local"] = new() { Type = AgentMcpServerType.StreamableHttp, Url = "/api/mcp/local" },
        };

        var replaced = await _client.Agents.Mcp.ReplaceAsync(_agentId, new AgentMcpSettings { Servers = servers, MaxRetries = 3 });
        var read = await _client.Agents.Mcp.GetAsync(_agentId);
        var record = await _client.Agents.GetAsync(_agentId);

        Assert.Multiple(() =>
        {
            Assert.That(replaced, Is.EqualTo(new[] { "docs", "local" }));
            Assert.That((read.PluginMcpEnabled, read.ServerCount, read.McpSettings!.MaxRetries), Is.EqualTo(((bool?)true, (int?)2, (int?)3)));
            Assert.That(read.McpSettings.Servers["docs"].Timeout, Is.EqualTo(30_000));
            Assert.That(read.McpSettings.Servers["local"].Url, Is.EqualTo(_fake.Url.ToString().TrimEnd('/') + "/api/mcp/local"), "reads expand site paths");
            Assert.That(record.Plugins, Does.Contain("@elizaos/plugin-mcp"));
        });
    }

    [Test]
    public async Task Adding_and_removing_servers_keeps_the_others_and_drops_the_plugin_with_the_last()
    {
        await _client.Agents.Mcp.AddServerAsync(_agentId, "docs", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "https://mcp.example/docs" });
        var added = await _client.Agents.Mcp.AddServerAsync(_agentId, "search", new AgentMcpServer { Type = AgentMcpServerType.Stdio, Url = "https://mcp.example/search" });
        var replacedSame = await _client.Agents.Mcp.AddServerAsync(_agentId, "docs", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "https://mcp.example/docs-v2" });

        var removed = await _client.Agents.Mcp.RemoveServerAsync(_agentId, "docs");
        var afterOne = await _client.Agents.Mcp.GetAsync(_agentId);
        await _client.Agents.Mcp.RemoveServerAsync(_agentId, "search");
        var afterAll = await _client.Agents.Mcp.GetAsync(_agentId);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(new[] { "docs", "search" }));
            Assert.That(replacedSame, Is.EqualTo(new[] { "docs", "search" }), "the same id replaces the server");
            Assert.That(removed, Is.EqualTo(new[] { "search" }));
            Assert.That((afterOne.EnabledServers, afterOne.PluginMcpEnabled), Is.EqualTo((new[] { "search" }, (bool?)true)));
            Assert.That((afterAll.ServerCount, afterAll.PluginMcpEnabled), Is.EqualTo(((int?)0, (bool?)false)));
        });
    }

    [Test]
    public async Task MCP_routes_answer_plain_errors_for_bad_bodies_unknown_characters_and_other_organizations()
    {
        var theirs = _fake.AddSavedAgent("Chef");
        var server = new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "https://mcp.example" };

        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.Mcp.GetAsync(Guid.NewGuid().ToString()));
        var foreign = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Agents.Mcp.AddServerAsync(theirs, "x", server));
        // The typed client checks lengths only; the server also wants a URL or a site path, and a known transport.
        var badUrl = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Agents.Mcp.AddServerAsync(_agentId, "x", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "mcp.example" }));
        var body = JsonDocument.Parse("""{"serverId":"x","serverConfig":{"type":"ws","url":"https://mcp.example","timeout":1.5}}""").RootElement;
        var badType = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Post, $"api/characters/{_agentId}/mcps", body, MiladyCloudRoute.Site));
        var noServerId = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Delete, $"api/characters/{_agentId}/mcps", route: MiladyCloudRoute.Site));

        Assert.Multiple(() =>
        {
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"error":"Character not found"}"""));
            Assert.That(foreign!.RawBody, Is.EqualTo("""{"error":"Unauthorized"}"""));
            Assert.That(badUrl!.RawBody, Is.EqualTo("""{"error":"Invalid request body","details":[{"field":"serverConfig.url","message":"Must be a valid URL or pathname starting with /"}]}"""));
            // zod 4's messages, the service's version.
            Assert.That(badType!.RawBody, Does.Contain("""{"field":"serverConfig.type","message":"Invalid option: expected one of \u0022streamable-http\u0022|\u0022stdio\u0022"}""")
                .And.Contain("""{"field":"serverConfig.timeout","message":"Invalid input: expected int, received number"}"""));
            Assert.That(noServerId!.RawBody, Is.EqualTo("""{"error":"Missing serverId query parameter"}"""));
        });
    }

    [Test]
    public async Task The_n8n_stand_in_keeps_workflows_per_agent_across_calls()
    {
        var body = JsonDocument.Parse("""{"name":"Daily digest","nodes":[{"name":"Cron"}]}""").RootElement;

        var created = await _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Post, "workflows", body);
        var id = created.GetProperty("id").GetString()!;
        var activated = await _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Post, $"workflows/{id}/activate");
        var renamed = await _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Put, $"workflows/{id}", JsonDocument.Parse("""{"name":"Weekly digest"}""").RootElement);
        var listed = await _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Get, "workflows");
        var other = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Bob" });
        var otherList = await _client.Agents.InvokeN8nRouteAsync(other.Id, HttpMethod.Get, "workflows");
        await _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Delete, $"workflows/{id}");
        var gone = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Get, $"workflows/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That((created.GetProperty("name").GetString(), created.GetProperty("active").GetBoolean()), Is.EqualTo(("Daily digest", false)));
            Assert.That(created.GetProperty("nodes")[0].GetProperty("name").GetString(), Is.EqualTo("Cron"));
            Assert.That(activated.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(renamed.GetProperty("name").GetString(), Is.EqualTo("Weekly digest"));
            Assert.That(listed.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("name").GetString()), Is.EqualTo(new[] { "Weekly digest" }));
            Assert.That(otherList.GetProperty("data").GetArrayLength(), Is.Zero, "each agent has its own workflows");
            Assert.That(gone!.RawBody, Is.EqualTo("""{"error":"Workflow not found"}"""));
        });
        Assert.That(_fake.Requests.Count(r => r.Path.StartsWith($"/api/v1/agents/{_agentId}/n8n/workflows", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [Test]
    public void An_unknown_plugin_route_gets_the_services_404_and_an_unknown_agent_an_unhandled_500()
    {
        var noRoute = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.InvokeN8nRouteAsync(_agentId, HttpMethod.Get, "executions/7"));
        var noAgent = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => _client.Agents.InvokeN8nRouteAsync(Guid.NewGuid().ToString(), HttpMethod.Get, "workflows"));

        Assert.Multiple(() =>
        {
            Assert.That(noRoute!.RawBody, Is.EqualTo("""{"success":false,"error":"No route found: GET /n8n-workflow/executions/7"}"""));
            Assert.That(noAgent!.RawBody, Is.EqualTo("Internal Server Error"), "the runtime build fails outside the handler's try block");
        });
    }
}
