using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.Agents;

/// <summary>Sharing, publishing, monetization, MCP settings, saved agents and the token lookup of an agent.</summary>
public sealed class AgentExtrasLiveTests(TestMode mode) : LiveTestBase(mode)
{
    private async Task<(MiladyCloudClient Client, CreatedAgent Agent)> CreateAgentAsync()
    {
        var client = CreateClient();
        var name = Variable("agentName", () => "Live " + Guid.NewGuid().ToString("N")[..6]);
        return (client, await client.Agents.CreateAsync(new CreateAgentRequest { Name = name, Bio = "A test agent." }));
    }

    [Test]
    public async Task Share_status_monetization_and_the_organization_view_read()
    {
        var (client, agent) = await CreateAgentAsync();
        try
        {
            var share = await client.Agents.GetShareStatusAsync(agent.Id);
            var monetization = await client.Agents.GetMonetizationAsync(agent.Id);
            var record = await client.Agents.GetFromOrganizationAsync(agent.Id);
            var privateChange = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.Agents.UpdateMonetizationAsync(agent.Id, new UpdateAgentMonetizationRequest { MonetizationEnabled = true }));

            Assert.Multiple(() =>
            {
                Assert.That(share, Is.Not.Null);
                Assert.That(monetization, Is.Not.Null);
                Assert.That(record.Id, Is.EqualTo(agent.Id));
                Assert.That(privateChange!.Message, Is.Not.Empty, "a private agent cannot be monetized");
            });
        }
        finally
        {
            await client.Agents.DeleteAsync(agent.Id);
        }
    }

    [Test]
    public async Task Publishing_and_unpublishing_an_agent()
    {
        var (client, agent) = await CreateAgentAsync();
        try
        {
            var published = await client.Agents.PublishAsync(agent.Id);
            await client.Agents.UnpublishAsync(agent.Id);
            var share = await client.Agents.GetShareStatusAsync(agent.Id);

            Assert.That((published.Id, published.IsPublic), Is.EqualTo((agent.Id, true)));
            Assert.That(published.McpEndpoint, Does.EndWith($"/api/agents/{agent.Id}/mcp"));
            Assert.That(share.IsPublic, Is.False);
        }
        finally
        {
            await client.Agents.DeleteAsync(agent.Id);
        }
    }

    [Test]
    public async Task MCP_settings_round_trip()
    {
        var (client, agent) = await CreateAgentAsync();
        try
        {
            var before = await client.Agents.Mcp.GetAsync(agent.Id);
            var added = await client.Agents.Mcp.AddServerAsync(agent.Id, "docs", new AgentMcpServer { Url = "https://mcp.example.com/mcp", Type = "streamable-http" });
            var after = await client.Agents.Mcp.GetAsync(agent.Id);
            var removed = await client.Agents.Mcp.RemoveServerAsync(agent.Id, "docs");

            Assert.Multiple(() =>
            {
                Assert.That(before, Is.Not.Null);
                Assert.That(added, Does.Contain("docs"));
                Assert.That(after, Is.Not.Null);
                Assert.That(removed, Does.Not.Contain("docs"));
            });
        }
        finally
        {
            await client.Agents.DeleteAsync(agent.Id);
        }
    }

    [Test]
    public async Task Saved_agents_list_and_unknown_lookups_are_not_found()
    {
        var client = CreateClient();

        var saved = await client.Agents.Saved.ListAsync();
        var byToken = Assert.CatchAsync<MiladyCloudApiException>(() => client.Agents.GetByTokenAsync("0x000000000000000000000000000000000000dEaD", "base"));
        var publicProfile = Assert.CatchAsync<MiladyCloudApiException>(() => client.Agents.GetPublicAsync("00000000-0000-4000-8000-000000000004"));

        Assert.Multiple(() =>
        {
            Assert.That(saved, Is.Not.Null);
            Assert.That(byToken, Is.InstanceOf<MiladyCloudNotFoundException>());
            Assert.That(publicProfile, Is.InstanceOf<MiladyCloudNotFoundException>());
        });
    }
}
