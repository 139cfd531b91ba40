using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Agents;

public class FakeServerAgentsTests
{
    [Test]
    public async Task Agents_created_on_the_fake_are_listed_in_pages_fetched_and_deleted_through_the_site_root()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);

        var created = new List<CreatedAgent>();
        foreach (var name in new[] { "Support Bot", "Sales Bot", "Docs Helper" })
        {
            created.Add(await client.Agents.CreateAsync(new CreateAgentRequest { Name = name, Bio = name + " answers questions" }));
        }

        var bots = new List<string>();
        await foreach (var agent in client.Agents.ListAllAsync(new AgentListOptions { Search = "bot", SortBy = AgentSortBy.Name, Order = AgentSortDirection.Ascending, Limit = 1 }))
        {
            bots.Add(agent.Name);
        }

        Assert.That(bots, Is.EqualTo(new[] { "Sales Bot", "Support Bot" }));
        Assert.That(fake.Requests.Count(r => r.Path == "/api/my-agents/characters"), Is.EqualTo(2), "the walk stops at the last page");

        var record = await client.Agents.GetAsync(created[2].Id);
        Assert.Multiple(() =>
        {
            Assert.That(record.Name, Is.EqualTo("Docs Helper"));
            Assert.That(record.Bio!.Items, Is.EqualTo(new[] { "Docs Helper answers questions" }));
            Assert.That(record.InferenceMarkupPercentage, Is.EqualTo("0.00"));
        });

        var newest = await client.Agents.ListAsync();
        Assert.That(newest.Characters.Select(c => c.Name), Is.EqualTo(new[] { "Docs Helper", "Sales Bot", "Support Bot" }), "newest first by default");

        await client.Agents.DeleteAsync(created[0].Id);
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Agents.GetAsync(created[0].Id));
        Assert.That(missing!.RawBody, Does.Contain("Character not found"));
        Assert.That(fake.Requests.Where(r => r.Path.StartsWith("/api/my-agents/", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"]), Is.All.EqualTo("Bearer " + MiladyCloudFakeServer.ApiKey));
    }

    [Test]
    public void The_fake_refuses_an_agent_without_a_name_like_the_service()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);

        // The typed client refuses a blank name before sending, so the untyped escape hatch sends it.
        var body = System.Text.Json.JsonDocument.Parse("""{"name":"  "}""").RootElement;

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.SendAsync(HttpMethod.Post, "app/agents", body));

        Assert.That(ex!.RawBody, Does.Contain("Invalid request data"));
    }
}
