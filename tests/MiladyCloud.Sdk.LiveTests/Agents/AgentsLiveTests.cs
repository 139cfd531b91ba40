using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.Agents;

/// <summary>Agents (characters): create, read, share, clone, delete, and the dashboard that lists them.</summary>
public sealed class AgentsLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task An_agent_with_a_one_string_bio_is_created_shared_cloned_and_deleted()
    {
        var client = CreateClient();
        var name = Variable("agentName", () => "Live " + Guid.NewGuid().ToString("N")[..6]);

        var agent = await client.Agents.CreateAsync(new CreateAgentRequest { Name = name, Bio = "Answers questions about the handbook." });
        string? cloneId = null;
        try
        {
            var read = await client.Agents.GetAsync(agent.Id);
            var share = await client.Agents.SetShareStatusAsync(agent.Id, isPublic: true);
            var stats = await client.Agents.GetStatsAsync(agent.Id);
            var clone = await client.Agents.CloneAsync(agent.Id);
            cloneId = clone.Id;
            var list = await client.Agents.ListAsync();

            Assert.Multiple(() =>
            {
                Assert.That(read.Name, Is.EqualTo(name));
                Assert.That(share, Is.Not.Null);
                Assert.That(stats, Is.Not.Null);
                Assert.That(list.Characters.Select(c => c.Id), Does.Contain(agent.Id));
            });
        }
        finally
        {
            if (cloneId is not null)
            {
                await client.Agents.DeleteAsync(cloneId);
            }

            await client.Agents.DeleteAsync(agent.Id);
        }
    }

    [Test]
    public async Task The_dashboard_reads_an_agent_whose_bio_is_one_string()
    {
        // The web dashboard stores a bio as one string: the dashboard's agent list must read it (it broke the call).
        var client = CreateClient();
        var name = Variable("agentName", () => "Live " + Guid.NewGuid().ToString("N")[..6]);
        var agent = await client.Agents.CreateAsync(new CreateAgentRequest { Name = name, Bio = "One line of bio." });
        try
        {
            var dashboard = await client.Dashboard.GetAsync();

            var listed = dashboard.Agents.Single(a => a.Id == agent.Id);
            Assert.That(listed.Bio?.Text ?? string.Join(" ", listed.Bio?.Items ?? []), Is.EqualTo("One line of bio."));
        }
        finally
        {
            await client.Agents.DeleteAsync(agent.Id);
        }
    }

    [Test]
    public void An_unknown_agent_is_not_found()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Agents.GetAsync("00000000-0000-4000-8000-000000000003"));
    }
}
