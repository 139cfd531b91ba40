using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's clone, stats, share, public-profile and saved-agent routes, driven through <see cref="AgentsClient"/>.</summary>
public class FakeServerAgentSharingTests
{
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_clone_is_a_new_character_of_the_caller_that_later_reads_return()
    {
        var original = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Support Bot", Bio = "Answers tickets" });
        await _client.Agents.Mcp.AddServerAsync(original.Id, "docs", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "https://mcp.example/docs" });

        var copy = await _client.Agents.CloneAsync(original.Id);
        var named = await _client.Agents.CloneAsync(original.Id, new CloneAgentRequest { Name = "Night Shift", Username = "Night-Shift", MakePublic = true });

        Assert.Multiple(() =>
        {
            Assert.That(copy.Id, Is.Not.EqualTo(original.Id));
            Assert.That((copy.Name, copy.Username, copy.IsPublic), Is.EqualTo(("Support Bot (Copy)", "support-bot-copy", (bool?)false)));
            Assert.That(copy.Bio!.Items, Is.EqualTo(new[] { "Answers tickets" }));
            Assert.That(copy.Plugins, Is.EqualTo(new[] { "@elizaos/plugin-mcp" }), "plugins and settings are copied");
            Assert.That(copy.Settings!.Value.GetProperty("mcp").GetProperty("servers").TryGetProperty("docs", out _), Is.True);
            Assert.That((named.Name, named.Username, named.IsPublic), Is.EqualTo(("Night Shift", "night-shift", (bool?)true)), "the username is normalized");
        });
        Assert.That((await _client.Agents.GetAsync(copy.Id)).Name, Is.EqualTo("Support Bot (Copy)"));
        Assert.That((await _client.Agents.ListAsync()).Pagination.TotalCount, Is.EqualTo(3));
    }

    [Test]
    public async Task A_clone_refuses_a_taken_or_invalid_username_and_an_unknown_original()
    {
        var original = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });

        var taken = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Agents.CloneAsync(original.Id, new CloneAgentRequest { Username = "ada" }));
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.CloneAsync(Guid.NewGuid().ToString()));
        // The SDK refuses what the server's rules refuse before sending; the fake still answers raw requests like the server.
        Assert.ThrowsAsync<ArgumentException>(() => _client.Agents.CloneAsync(original.Id, new CloneAgentRequest { Username = "-ada" }));
        Assert.ThrowsAsync<ArgumentException>(() => _client.Agents.CloneAsync(original.Id, new CloneAgentRequest { Username = "admin" }));
        var invalid = await RawCloneAsync(original.Id, """{"username":"-ada"}""");
        var reserved = await RawCloneAsync(original.Id, """{"username":"admin"}""");

        Assert.Multiple(() =>
        {
            Assert.That(taken!.ServerMessage, Is.EqualTo("Username is already taken"));
            Assert.That(invalid, Is.EqualTo((400, """{"success":false,"error":"Invalid username: Username cannot start or end with a hyphen"}""")));
            Assert.That(reserved, Is.EqualTo((400, """{"success":false,"error":"Invalid username: This username is reserved"}""")));
            Assert.That(missing!.RawBody, Is.EqualTo("""{"success":false,"error":"Character not found"}"""));
        });
    }

    [Test]
    public async Task Another_users_public_agent_can_be_cloned_into_the_callers_own()
    {
        var theirs = _fake.AddSavedAgent("Chef", "Cooks");

        var copy = await _client.Agents.CloneAsync(theirs);

        Assert.That((copy.Name, copy.UserId, copy.Bio!.Items![0]), Is.EqualTo(("Chef (Copy)", "00000000-0000-0000-0000-00000000fa4e", "Cooks")));
        // The service's list holds the caller's characters and those the caller has chatted with: the copy and the original.
        Assert.That((await _client.Agents.ListAsync()).Characters.Select(c => c.Id), Is.EqualTo(new[] { copy.Id, theirs }));
    }

    [Test]
    public async Task Stats_are_the_services_placeholder_zeros_for_the_callers_own_characters_only()
    {
        var mine = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        var theirs = _fake.AddSavedAgent("Chef");

        var stats = await _client.Agents.GetStatsAsync(mine.Id);

        Assert.That((stats.Views, stats.Interactions, stats.MessageCount), Is.EqualTo((0, 0, 0)));
        var ex = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetStatsAsync(theirs));
        Assert.That(ex!.ServerMessage, Is.EqualTo("Character not found"));
    }

    [Test]
    public async Task Sharing_makes_a_character_public_with_links_and_later_reads_show_it()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        var before = await _client.Agents.GetShareStatusAsync(agent.Id);

        var shared = await _client.Agents.SetShareStatusAsync(agent.Id, true);
        var status = await _client.Agents.GetShareStatusAsync(agent.Id);
        var site = _fake.Url.ToString().TrimEnd('/');

        Assert.Multiple(() =>
        {
            Assert.That((before.IsPublic, before.ShareUrl, before.ShareInfo), Is.EqualTo((false, (string?)null, (AgentShareInfo?)null)));
            Assert.That((shared.CharacterId, shared.CharacterName, shared.IsPublic), Is.EqualTo((agent.Id, "Ada", true)));
            Assert.That(shared.Message, Does.StartWith("\"Ada\" is now publicly shareable!"));
            Assert.That(shared.ShareInfo!.A2aEndpoint, Is.Null, "the update sends the chat links only");
            Assert.That(status.ShareUrl, Is.EqualTo($"{site}/chat/{agent.Id}"));
            Assert.That(status.ShareInfo!.DashboardChatUrl, Is.EqualTo($"{site}/dashboard/chat?characterId={agent.Id}"));
            Assert.That(status.ShareInfo.McpEndpoint, Is.EqualTo($"{site}/api/agents/{agent.Id}/mcp"));
        });
        Assert.That((await _client.Agents.GetAsync(agent.Id)).IsPublic, Is.True);
        Assert.That((await _client.Agents.ListAsync()).Characters.Single().IsPublic, Is.True);

        var hidden = await _client.Agents.SetShareStatusAsync(agent.Id, false);
        Assert.That((hidden.IsPublic, hidden.ShareUrl, hidden.Message), Is.EqualTo((false, (string?)null, "\"Ada\" is now private. Only you can chat with this character.")));
    }

    [Test]
    public async Task Share_routes_answer_404_for_characters_the_caller_does_not_own_and_400_for_a_bad_body()
    {
        var mine = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        var theirs = _fake.AddSavedAgent("Chef");

        var read = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetShareStatusAsync(theirs));
        var write = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.SetShareStatusAsync(theirs, false));
        // The typed client always sends a boolean, so the untyped escape hatch sends a wrong one.
        var body = JsonDocument.Parse("""{"isPublic":"yes"}""").RootElement;
        var invalid = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Put, $"api/my-agents/characters/{mine.Id}/share", body, MiladyCloudRoute.Site));

        Assert.Multiple(() =>
        {
            Assert.That(read!.ServerMessage, Is.EqualTo("Character not found"));
            Assert.That(write!.ServerMessage, Is.EqualTo("Character not found or access denied"));
            Assert.That(invalid!.RawBody, Does.Contain("\"error\":\"Invalid request body\"").And.Contain("\"message\":\"Invalid input: expected boolean, received string\""));
        });
    }

    [Test]
    public async Task The_public_profile_shows_public_characters_to_anyone_and_private_ones_only_to_the_owners_session()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", Bio = "Counts" });
        using var session = _fake.CreateClient(o => { o.ApiKey = null; o.SessionToken = MiladyCloudFakeServer.SessionToken; o.MaxRetries = 0; });
        // The SDK always sends a credential; a plain HttpClient shows the route needs none.
        using var anonymous = new HttpClient { BaseAddress = _fake.Url };

        var hiddenFromKey = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetPublicAsync(agent.Id));
        var owner = await session.Agents.GetPublicAsync(agent.Id);
        using var hiddenFromAnyone = await anonymous.GetAsync($"api/characters/{agent.Id}/public");
        await _client.Agents.SetShareStatusAsync(agent.Id, true);
        var profile = await _client.Agents.GetPublicAsync(agent.Id);
        using var shown = await anonymous.GetAsync($"api/characters/{agent.Id}/public");
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetPublicAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(hiddenFromKey!.ServerMessage, Is.EqualTo("Character not available"), "the route recognises the owner by the browser session only");
            Assert.That(owner.Name, Is.EqualTo("Ada"));
            Assert.That((int)hiddenFromAnyone.StatusCode, Is.EqualTo(404));
            Assert.That((profile.Id, profile.Name, profile.Bio, profile.Category, profile.ViewCount, profile.MonetizationEnabled), Is.EqualTo((agent.Id, "Ada", "Counts", (string?)null, (int?)0, (bool?)false)));
            Assert.That((int)shown.StatusCode, Is.EqualTo(200));
            Assert.That(missing!.ServerMessage, Is.EqualTo("Character not found"));
        });
    }

    [Test]
    public async Task Saved_agents_are_listed_latest_first_read_with_their_counts_and_removed_with_the_history()
    {
        var chef = _fake.AddSavedAgent("Chef", "Cooks", messages: 12);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var tutor = _fake.AddSavedAgent("Tutor");

        var list = await _client.Agents.Saved.ListAsync();
        var detail = await _client.Agents.Saved.GetAsync(chef);
        var removed = await _client.Agents.Saved.RemoveAsync(chef);
        var after = await _client.Agents.Saved.ListAsync();
        var again = await _client.Agents.Saved.GetAsync(chef);

        Assert.Multiple(() =>
        {
            Assert.That((list.Count, list.Agents.Select(a => a.Name)), Is.EqualTo(((int?)2, new[] { "Tutor", "Chef" })), "the latest conversation first");
            Assert.That((list.Agents[1].Id, list.Agents[1].OwnerName, list.Agents[1].Bio!.Items![0]), Is.EqualTo((chef, "Other Fake User", "Cooks")));
            Assert.That(list.Agents.Select(a => a.LastInteractionTime), Is.EqualTo(new[] { "2026-11-28 12:05:00", "2026-11-28 12:00:00" }), "Postgres's own text, not ISO-8601");
            Assert.That((detail.Agent.Id, detail.Agent.Name, detail.Agent.OwnerId), Is.EqualTo((chef, "Chef", list.Agents[1].OwnerId)));
            Assert.That(detail.Stats!.Value.GetProperty("message_count").GetInt32(), Is.EqualTo(12));
            Assert.That(detail.DeletionWarning, Does.Contain("permanently delete"));
            Assert.That(removed.Message, Is.EqualTo("Saved agent removed successfully"));
            Assert.That(removed.Deleted!.Value.GetProperty("memories").GetInt32(), Is.EqualTo(12));
            Assert.That(after.Agents.Select(a => a.Id), Is.EqualTo(new[] { tutor }));
            Assert.That(again.Stats!.Value.GetProperty("message_count").GetInt32(), Is.Zero, "the agent is still public; only the history is gone");
        });
    }

    [Test]
    public async Task Saved_agent_routes_refuse_the_callers_own_characters_and_unknown_ids()
    {
        var mine = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });

        var read = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.Saved.GetAsync(mine.Id));
        var remove = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.Saved.RemoveAsync(mine.Id));
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.Saved.RemoveAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(read!.ServerMessage, Is.EqualTo("Agent not found or not accessible"));
            Assert.That(remove!.ServerMessage, Is.EqualTo("Agent not found or you own this agent"));
            Assert.That(unknown!.ServerMessage, Is.EqualTo("Agent not found or you own this agent"));
        });
        Assert.That(await _client.Agents.GetAsync(mine.Id), Is.Not.Null, "nothing of the caller's was deleted");
    }

    private async Task<(int Status, string Body)> RawCloneAsync(string id, string json)
    {
        using var http = new HttpClient { BaseAddress = _fake.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/my-agents/characters/{id}/clone") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
