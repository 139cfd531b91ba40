using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Agents;

public class AgentsClientTests : WireMockClientTests
{
    [Test]
    public async Task ListAsync_reaches_the_site_root_route_with_every_filter_and_maps_both_spellings()
    {
        Respond("/api/my-agents/characters", "GET", """
            {"success":true,"data":{"characters":[{"id":"c1","name":"Support Bot","bio":["Expert in support"],
              "avatarUrl":"https://cdn.example/a.png","avatar_url":"https://cdn.example/a.png","category":"support",
              "isPublic":true,"is_public":true,"createdAt":"2026-04-01T10:30:00.000Z","created_at":"2026-04-01T10:30:00.000Z",
              "updatedAt":"2026-04-02T08:00:00.000Z","updated_at":"2026-04-02T08:00:00.000Z","tags":["help"],
              "token_address":"0xabc","token_chain":"base","token_name":"Bot Token","token_ticker":"BOT"}],
              "pagination":{"page":2,"limit":10,"totalPages":3,"totalCount":21,"hasMore":true}}}
            """);

        var list = await Api.Client.Agents.ListAsync(new AgentListOptions
        {
            Search = "support bot",
            Category = "support",
            SortBy = AgentSortBy.Name,
            Order = AgentSortDirection.Ascending,
            Page = 2,
            Limit = 10,
        });

        var agent = list.Characters.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.Id, Is.EqualTo("c1"));
            Assert.That(agent.Name, Is.EqualTo("Support Bot"));
            Assert.That(agent.Bio!.Items, Is.EqualTo(new[] { "Expert in support" }));
            Assert.That(agent.AvatarUrl, Is.EqualTo("https://cdn.example/a.png"));
            Assert.That(agent.Category, Is.EqualTo("support"));
            Assert.That(agent.IsPublic, Is.True);
            Assert.That(agent.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 10, 30, 0, TimeSpan.Zero)));
            Assert.That(agent.UpdatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero)));
            Assert.That(agent.Tags, Is.EqualTo(new[] { "help" }));
            Assert.That(agent.TokenAddress, Is.EqualTo("0xabc"));
            Assert.That(agent.TokenChain, Is.EqualTo("base"));
            Assert.That(agent.TokenName, Is.EqualTo("Bot Token"));
            Assert.That(agent.TokenTicker, Is.EqualTo("BOT"));
            // The snake_case duplicates survive untouched.
            Assert.That(agent.AdditionalProperties["avatar_url"].GetString(), Is.EqualTo("https://cdn.example/a.png"));
            Assert.That(agent.AdditionalProperties["is_public"].GetBoolean(), Is.True);
            Assert.That(agent.AdditionalProperties.Keys, Is.SupersetOf(new[] { "created_at", "updated_at" }));
            Assert.That(list.Pagination.Page, Is.EqualTo(2));
            Assert.That(list.Pagination.Limit, Is.EqualTo(10));
            Assert.That(list.Pagination.TotalPages, Is.EqualTo(3));
            Assert.That(list.Pagination.TotalCount, Is.EqualTo(21));
            Assert.That(list.Pagination.HasMore, Is.True);
        });

        var sent = Api.SingleRequest().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo("GET"));
            Assert.That(sent.Path, Is.EqualTo("/api/my-agents/characters"));
            Assert.That(sent.RawQuery, Is.EqualTo("?search=support%20bot&category=support&sortBy=name&order=asc&page=2&limit=10"));
            Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        });
    }

    [Test]
    public async Task ListAsync_without_options_sends_no_query()
    {
        Respond("/api/my-agents/characters", "GET", """{"success":true,"data":{"characters":[],"pagination":{"page":1,"limit":30,"totalPages":0,"totalCount":0,"hasMore":false}}}""");

        var list = await Api.Client.Agents.ListAsync();

        Assert.That(list.Characters, Is.Empty);
        Assert.That(Api.SingleRequest().RequestMessage!.RawQuery, Is.Empty);
    }

    [Test]
    public async Task A_configured_site_url_overrides_the_derived_one()
    {
        using var api = new FakeApi();
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions
        {
            ApiKey = FakeApi.ApiKey,
            BaseUrl = new Uri("https://unused.invalid/api/v1/"),
            SiteUrl = new Uri(api.Server.Url! + "/site/"),
            MaxRetries = 0,
        });
        api.Server.Given(Request.Create().WithPath("/site/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/stats").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"success":true,"data":{"stats":{"views":0,"interactions":0,"messageCount":0}}}"""));

        var stats = await client.Agents.GetStatsAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.That(stats.MessageCount, Is.Zero);
        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Path, Is.EqualTo("/site/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/stats"));
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey), "site-root routes carry the same credentials");
    }

    [TestCase(0, null)]
    [TestCase(null, 0)]
    [TestCase(null, 1001)]
    public void ListAsync_rejects_bad_paging_before_sending(int? page, int? limit)
    {
        var options = new AgentListOptions { Page = page, Limit = limit };
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Agents.ListAsync(options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Api.Client.Agents.ListAllAsync(options));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetAsync_maps_every_field_of_the_full_record_and_keeps_money_as_strings()
    {
        Respond($"/api/my-agents/characters/{AgentJson.Id}", "GET", $$$"""{"success":true,"data":{"character":{{{AgentJson.FullCharacter}}}}}""");

        var c = await Api.Client.Agents.GetAsync(AgentJson.Id);

        AssertFullCharacter(c);
        Assert.That(Api.SingleRequest().RequestMessage!.Method, Is.EqualTo("GET"));
    }

    [Test]
    public async Task GetFromOrganizationAsync_uses_the_v1_route_and_unwraps_data()
    {
        Respond($"/api/v1/agents/{AgentJson.Id}", "GET", $$"""{"success":true,"data":{{AgentJson.FullCharacter}}}""");

        var c = await Api.Client.Agents.GetFromOrganizationAsync(AgentJson.Id);

        AssertFullCharacter(c);
    }

    [Test]
    public async Task A_bio_sent_as_a_plain_string_is_read_as_text()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", "GET", """{"success":true,"data":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"N","bio":"Just one line"}}""");

        var c = await Api.Client.Agents.GetFromOrganizationAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.That(c.Bio!.Text, Is.EqualTo("Just one line"));
    }

    [Test]
    public async Task CreateAsync_posts_the_exact_body_and_maps_the_201_agent()
    {
        Respond("/api/v1/app/agents", "POST", """
            {"success":true,"agent":{"id":"n1","name":"My Assistant","username":"my-assistant","bio":["A helpful customer support assistant"],
             "created_at":"2026-04-27T10:30:00.000Z","token_address":"0xabc","token_chain":"base","token_name":"T","token_ticker":"TT"}}
            """, status: 201);

        var agent = await Api.Client.Agents.CreateAsync(new CreateAgentRequest
        {
            Name = "My Assistant",
            Bio = "A helpful customer support assistant",
            TokenAddress = "0xabc",
            TokenChain = "base",
            TokenName = "T",
            TokenTicker = "TT",
        });

        Assert.Multiple(() =>
        {
            Assert.That(agent.Id, Is.EqualTo("n1"));
            Assert.That(agent.Name, Is.EqualTo("My Assistant"));
            Assert.That(agent.Username, Is.EqualTo("my-assistant"));
            Assert.That(agent.Bio!.Items, Is.EqualTo(new[] { "A helpful customer support assistant" }));
            Assert.That(agent.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 27, 10, 30, 0, TimeSpan.Zero)));
            Assert.That(agent.TokenAddress, Is.EqualTo("0xabc"));
            Assert.That(agent.TokenChain, Is.EqualTo("base"));
            Assert.That(agent.TokenName, Is.EqualTo("T"));
            Assert.That(agent.TokenTicker, Is.EqualTo("TT"));
        });
        AssertBody("""{"name":"My Assistant","bio":"A helpful customer support assistant","tokenAddress":"0xabc","tokenChain":"base","tokenName":"T","tokenTicker":"TT"}""");
    }

    [TestCase("")]
    [TestCase("   ")]
    public void CreateAsync_rejects_an_empty_name_before_sending(string name)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.CreateAsync(new CreateAgentRequest { Name = name }));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.CreateAsync(new CreateAgentRequest { Name = new string('x', 101) }));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.CreateAsync(new CreateAgentRequest { Name = "ok", TokenTicker = new string('T', 33) }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task DeleteAsync_sends_delete_to_the_site_root_route()
    {
        Respond($"/api/my-agents/characters/{AgentJson.Id}", "DELETE", """{"success":true,"data":{"message":"Character deleted successfully"}}""");

        await Api.Client.Agents.DeleteAsync(AgentJson.Id);

        Assert.That(Api.SingleRequest().RequestMessage!.Method, Is.EqualTo("DELETE"));
    }

    [Test]
    public async Task CloneAsync_posts_the_options_and_maps_the_copy()
    {
        Respond($"/api/my-agents/characters/{AgentJson.Id}/clone", "POST", $$$"""{"success":true,"data":{"character":{{{AgentJson.FullCharacter}}},"message":"Character cloned successfully"}}""");

        var clone = await Api.Client.Agents.CloneAsync(AgentJson.Id, new CloneAgentRequest { Name = "Copy", Username = "copy-1", MakePublic = true });

        AssertFullCharacter(clone);
        AssertBody("""{"name":"Copy","username":"copy-1","makePublic":true}""");
    }

    [Test]
    public async Task CloneAsync_without_options_sends_an_empty_object()
    {
        Respond("/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/clone", "POST", """{"success":true,"data":{"character":{"id":"b","name":"A (Copy)"}}}""");

        var clone = await Api.Client.Agents.CloneAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.That(clone.Name, Is.EqualTo("A (Copy)"));
        AssertBody("{}");
    }

    [Test]
    public async Task GetStatsAsync_maps_the_counters()
    {
        Respond("/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/stats", "GET", """{"success":true,"data":{"stats":{"views":5,"interactions":6,"messageCount":7}}}""");

        var stats = await Api.Client.Agents.GetStatsAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.That((stats.Views, stats.Interactions, stats.MessageCount), Is.EqualTo((5, 6, 7)));
    }

    [Test]
    public async Task GetShareStatusAsync_maps_links()
    {
        Respond("/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/share", "GET", """
            {"success":true,"data":{"isPublic":true,"shareUrl":"https://cloud.milady.ai/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","shareInfo":{"chatUrl":"https://cloud.milady.ai/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e",
             "dashboardChatUrl":"https://cloud.milady.ai/dashboard/chat?characterId=0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","a2aEndpoint":"https://cloud.milady.ai/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/a2a",
             "mcpEndpoint":"https://cloud.milady.ai/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"}}}
            """);

        var status = await Api.Client.Agents.GetShareStatusAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.Multiple(() =>
        {
            Assert.That(status.IsPublic, Is.True);
            Assert.That(status.ShareUrl, Is.EqualTo("https://cloud.milady.ai/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(status.ShareInfo!.ChatUrl, Is.EqualTo("https://cloud.milady.ai/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(status.ShareInfo.DashboardChatUrl, Is.EqualTo("https://cloud.milady.ai/dashboard/chat?characterId=0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(status.ShareInfo.A2aEndpoint, Is.EqualTo("https://cloud.milady.ai/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/a2a"));
            Assert.That(status.ShareInfo.McpEndpoint, Is.EqualTo("https://cloud.milady.ai/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"));
        });
    }

    [Test]
    public async Task GetShareStatusAsync_reads_null_links_of_a_private_character()
    {
        Respond("/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/share", "GET", """{"success":true,"data":{"isPublic":false,"shareUrl":null,"shareInfo":null}}""");

        var status = await Api.Client.Agents.GetShareStatusAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.That((status.IsPublic, status.ShareUrl, status.ShareInfo), Is.EqualTo((false, (string?)null, (AgentShareInfo?)null)));
    }

    [Test]
    public async Task SetShareStatusAsync_puts_the_flag_and_maps_the_result()
    {
        Respond("/api/my-agents/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/share", "PUT", """
            {"success":true,"data":{"characterId":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","characterName":"Bot","isPublic":true,"shareUrl":"https://x/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","message":"Character is now public",
             "shareInfo":{"chatUrl":"https://x/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","dashboardChatUrl":"https://x/dashboard/chat?characterId=0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"}}}
            """);

        var update = await Api.Client.Agents.SetShareStatusAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", true);

        Assert.Multiple(() =>
        {
            Assert.That(update.CharacterId, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(update.CharacterName, Is.EqualTo("Bot"));
            Assert.That(update.IsPublic, Is.True);
            Assert.That(update.ShareUrl, Is.EqualTo("https://x/chat/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(update.Message, Is.EqualTo("Character is now public"));
            Assert.That(update.ShareInfo!.DashboardChatUrl, Is.EqualTo("https://x/dashboard/chat?characterId=0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
        });
        AssertBody("""{"isPublic":true}""");
    }

    [Test]
    public async Task PublishAsync_posts_settings_to_the_v1_route_and_maps_the_agent()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/publish", "POST", """
            {"success":true,"message":"Agent published successfully","agent":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"Bot","isPublic":true,"monetizationEnabled":true,
             "markupPercentage":12.5,"a2aEnabled":true,"mcpEnabled":false,"a2aEndpoint":"https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/a2a","mcpEndpoint":"https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"}}
            """);

        var agent = await Api.Client.Agents.PublishAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", new PublishAgentRequest
        {
            EnableMonetization = true,
            MarkupPercentage = 12.5,
            PayoutWalletAddress = "0xw",
            A2aEnabled = true,
            McpEnabled = false,
        });

        Assert.Multiple(() =>
        {
            Assert.That(agent.Id, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(agent.Name, Is.EqualTo("Bot"));
            Assert.That(agent.IsPublic, Is.True);
            Assert.That(agent.MonetizationEnabled, Is.True);
            Assert.That(agent.MarkupPercentage, Is.EqualTo(12.5));
            Assert.That(agent.A2aEnabled, Is.True);
            Assert.That(agent.McpEnabled, Is.False);
            Assert.That(agent.A2aEndpoint, Is.EqualTo("https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/a2a"));
            Assert.That(agent.McpEndpoint, Is.EqualTo("https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"));
        });
        AssertBody("""{"enableMonetization":true,"markupPercentage":12.5,"payoutWalletAddress":"0xw","a2aEnabled":true,"mcpEnabled":false}""");
    }

    [Test]
    public async Task PublishAsync_of_a_public_agent_returns_the_endpoints_without_the_settings_it_did_not_apply()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/publish", "POST", """
            {"success":true,"message":"Agent is already published","agent":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"Bot","isPublic":true,
             "a2aEndpoint":"https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/a2a","mcpEndpoint":"https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"}}
            """);

        var agent = await Api.Client.Agents.PublishAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", new PublishAgentRequest { MarkupPercentage = 40 });

        Assert.That((agent.IsPublic, agent.MonetizationEnabled, agent.MarkupPercentage, agent.McpEnabled), Is.EqualTo((true, (bool?)null, (double?)null, (bool?)null)));
        Assert.That(agent.McpEndpoint, Is.EqualTo("https://x/api/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/mcp"));
    }

    [Test]
    public async Task UnpublishAsync_sends_delete_without_a_body()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/publish", "DELETE", """{"success":true,"message":"Agent unpublished","agent":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"Bot","isPublic":false}}""");

        await Api.Client.Agents.UnpublishAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        var sent = Api.SingleRequest().RequestMessage!;
        Assert.That((sent.Method, sent.Path), Is.EqualTo(("DELETE", "/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/publish")));
        Assert.That(sent.Body, Is.Null.Or.Empty);
    }

    [Test]
    public void Publish_and_monetization_reject_a_markup_outside_0_to_1000_before_sending()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Agents.PublishAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", new PublishAgentRequest { MarkupPercentage = 1000.5 }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Agents.UpdateMonetizationAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", new UpdateAgentMonetizationRequest { MarkupPercentage = -1 }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetMonetizationAsync_maps_every_field()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/monetization", "GET", """
            {"success":true,"monetization":{"enabled":true,"markupPercentage":20,"payoutWalletAddress":"0xw","isPublic":true,
             "totalEarnings":3.25,"totalRequests":120,"a2aEnabled":true,"mcpEnabled":false}}
            """);

        var m = await Api.Client.Agents.GetMonetizationAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.Multiple(() =>
        {
            Assert.That(m.Enabled, Is.True);
            Assert.That(m.MarkupPercentage, Is.EqualTo(20));
            Assert.That(m.PayoutWalletAddress, Is.EqualTo("0xw"));
            Assert.That(m.IsPublic, Is.True);
            Assert.That(m.TotalEarnings, Is.EqualTo(3.25));
            Assert.That(m.TotalRequests, Is.EqualTo(120));
            Assert.That(m.A2aEnabled, Is.True);
            Assert.That(m.McpEnabled, Is.False);
        });
    }

    [Test]
    public async Task UpdateMonetizationAsync_puts_only_the_given_changes()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/monetization", "PUT", """{"success":true,"monetization":{"enabled":false,"markupPercentage":5,"payoutWalletAddress":null,"isPublic":false}}""");

        var m = await Api.Client.Agents.UpdateMonetizationAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", new UpdateAgentMonetizationRequest { MonetizationEnabled = false, MarkupPercentage = 5 });

        Assert.That((m.Enabled, m.MarkupPercentage, m.PayoutWalletAddress, m.IsPublic), Is.EqualTo((false, (double?)5, (string?)null, (bool?)false)));
        AssertBody("""{"monetizationEnabled":false,"markupPercentage":5}""");
    }

    [Test]
    public async Task GetByTokenAsync_sends_address_and_chain_and_maps_the_agent()
    {
        Respond("/api/v1/agents/by-token", "GET", """
            {"success":true,"data":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"Bot","username":"bot","avatar_url":null,"bio":["b"],"is_public":true,
             "token_address":"0xabc","token_chain":"base","token_name":"T","token_ticker":"TT","created_at":"2026-04-01T00:00:00.000Z"}}
            """);

        var agent = await Api.Client.Agents.GetByTokenAsync("0xabc", "base");

        Assert.Multiple(() =>
        {
            Assert.That(agent.Id, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(agent.Name, Is.EqualTo("Bot"));
            Assert.That(agent.Username, Is.EqualTo("bot"));
            Assert.That(agent.AvatarUrl, Is.Null);
            Assert.That(agent.Bio!.Items, Is.EqualTo(new[] { "b" }));
            Assert.That(agent.IsPublic, Is.True);
            Assert.That(agent.TokenAddress, Is.EqualTo("0xabc"));
            Assert.That(agent.TokenChain, Is.EqualTo("base"));
            Assert.That(agent.TokenName, Is.EqualTo("T"));
            Assert.That(agent.TokenTicker, Is.EqualTo("TT"));
            Assert.That(agent.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        });
        Assert.That(Api.SingleRequest().RequestMessage!.RawQuery, Is.EqualTo("?address=0xabc&chain=base"));
    }

    [Test]
    public void GetByTokenAsync_validates_lengths_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.GetByTokenAsync(""));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.GetByTokenAsync(new string('a', 257)));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.GetByTokenAsync("0xabc", new string('c', 51)));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetPublicAsync_reaches_the_characters_site_route()
    {
        Respond("/api/characters/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/public", "GET", """
            {"success":true,"data":{"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","name":"Bot","username":"bot","avatarUrl":"https://x/a.png","bio":"First line","category":"fun",
             "tags":["t"],"viewCount":9,"interactionCount":4,"monetizationEnabled":true}}
            """);

        var c = await Api.Client.Agents.GetPublicAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        Assert.Multiple(() =>
        {
            Assert.That(c.Id, Is.EqualTo("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));
            Assert.That(c.Name, Is.EqualTo("Bot"));
            Assert.That(c.Username, Is.EqualTo("bot"));
            Assert.That(c.AvatarUrl, Is.EqualTo("https://x/a.png"));
            Assert.That(c.Bio, Is.EqualTo("First line"));
            Assert.That(c.Category, Is.EqualTo("fun"));
            Assert.That(c.Tags, Is.EqualTo(new[] { "t" }));
            Assert.That(c.ViewCount, Is.EqualTo(9));
            Assert.That(c.InteractionCount, Is.EqualTo(4));
            Assert.That(c.MonetizationEnabled, Is.True);
        });
    }

    [Test]
    public async Task InvokeN8nRouteAsync_keeps_route_slashes_and_sends_raw_json()
    {
        Respond("/api/v1/agents/0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e/n8n/workflows/42/run", "POST", """{"ok":true,"runId":"r1"}""");
        using var body = JsonDocument.Parse("""{"input":{"x":1}}""");

        var result = await Api.Client.Agents.InvokeN8nRouteAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", HttpMethod.Post, "workflows/42/run", body.RootElement);

        Assert.That(result.GetProperty("runId").GetString(), Is.EqualTo("r1"));
        AssertBody("""{"input":{"x":1}}""");
    }

    [Test]
    public void InvokeN8nRouteAsync_rejects_bad_routes_methods_and_bodies_before_sending()
    {
        using var body = JsonDocument.Parse("{}");
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.InvokeN8nRouteAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", HttpMethod.Get, "../../credits"));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.InvokeN8nRouteAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", HttpMethod.Patch, "w"));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.InvokeN8nRouteAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", HttpMethod.Get, "w", body.RootElement));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("")]
    public void Ids_that_could_reach_another_route_are_rejected_before_sending(string id)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.GetAsync(id));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.DeleteAsync(id));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Agents.PublishAsync(id));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task An_id_is_escaped_into_one_path_segment_below_the_derived_site_root()
    {
        var handler = RecordingHandler.Json("""{"success":true,"data":{"stats":{"views":0,"interactions":0,"messageCount":0}}}""");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        await client.Agents.GetStatsAsync("{0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e}");

        // The site root comes from the default BaseUrl (…/api/v1/ minus api/v1/); the id stays one segment.
        Assert.That(handler.Requests.Single().RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/my-agents/characters/%7B0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e%7D/stats"));
    }

    [Test]
    public void A_not_found_answer_becomes_a_NotFoundException_with_the_server_message()
    {
        Api.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"success":false,"error":"Character not found"}"""));

        var ex = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => Api.Client.Agents.GetAsync("0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"));

        Assert.That(ex!.RawBody, Does.Contain("Character not found"));
    }


    private static void AssertFullCharacter(AgentCharacter c)
    {
        Assert.Multiple(() =>
        {
            Assert.That(c.Id, Is.EqualTo(AgentJson.Id));
            Assert.That(c.OrganizationId, Is.EqualTo("org-1"));
            Assert.That(c.UserId, Is.EqualTo("user-1"));
            Assert.That(c.Name, Is.EqualTo("Support Bot"));
            Assert.That(c.Username, Is.EqualTo("support-bot"));
            Assert.That(c.System, Is.EqualTo("You help."));
            Assert.That(c.Bio!.Items, Is.EqualTo(new[] { "Expert in support", "Patient" }));
            Assert.That(c.MessageExamples!.Value[0][0].GetProperty("name").GetString(), Is.EqualTo("user"));
            Assert.That(c.PostExamples!.Value[0].GetString(), Is.EqualTo("post one"));
            Assert.That(c.Topics, Is.EqualTo(new[] { "billing" }));
            Assert.That(c.Adjectives, Is.EqualTo(new[] { "kind" }));
            Assert.That(c.Knowledge!.Value[0].GetString(), Is.EqualTo("faq.md"));
            Assert.That(c.Plugins, Is.EqualTo(new[] { "@elizaos/plugin-sql" }));
            Assert.That(c.Settings!.Value.GetProperty("voice").GetString(), Is.EqualTo("alloy"));
            Assert.That(c.Secrets!.Value.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(c.Style!.Value.GetProperty("all")[0].GetString(), Is.EqualTo("brief"));
            Assert.That(c.CharacterData!.Value.GetProperty("name").GetString(), Is.EqualTo("Support Bot"));
            Assert.That(c.IsTemplate, Is.False);
            Assert.That(c.IsPublic, Is.True);
            Assert.That(c.AvatarUrl, Is.EqualTo("https://cdn.example/a.png"));
            Assert.That(c.Category, Is.EqualTo("support"));
            Assert.That(c.Tags, Is.EqualTo(new[] { "help" }));
            Assert.That(c.Featured, Is.False);
            Assert.That(c.ViewCount, Is.EqualTo(12));
            Assert.That(c.InteractionCount, Is.EqualTo(3));
            Assert.That(c.PopularityScore!.Value.GetString(), Is.EqualTo("1.50"));
            Assert.That(c.Source, Is.EqualTo("cloud"));
            Assert.That(c.TokenAddress, Is.EqualTo("0xabc"));
            Assert.That(c.TokenChain, Is.EqualTo("base"));
            Assert.That(c.TokenName, Is.EqualTo("Bot Token"));
            Assert.That(c.TokenTicker, Is.EqualTo("BOT"));
            Assert.That(c.Erc8004Registered, Is.True);
            Assert.That(c.Erc8004Network, Is.EqualTo("base-sepolia"));
            Assert.That(c.Erc8004AgentId!.Value.GetInt32(), Is.EqualTo(77));
            Assert.That(c.Erc8004AgentUri, Is.EqualTo("ipfs://x"));
            Assert.That(c.Erc8004TxHash, Is.EqualTo("0xtx"));
            Assert.That(c.Erc8004RegisteredAt, Is.EqualTo("2026-04-03T00:00:00.000Z"));
            Assert.That(c.MonetizationEnabled, Is.True);
            Assert.That(c.InferenceMarkupPercentage, Is.EqualTo("12.50"));
            Assert.That(c.PayoutWalletAddress, Is.EqualTo("0xwallet"));
            Assert.That(c.TotalInferenceRequests, Is.EqualTo(42));
            Assert.That(c.TotalCreatorEarnings, Is.EqualTo("3.21"));
            Assert.That(c.TotalPlatformRevenue, Is.EqualTo("0.00"));
            Assert.That(c.A2aEnabled, Is.True);
            Assert.That(c.McpEnabled, Is.False);
            Assert.That(c.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 10, 30, 0, TimeSpan.Zero)));
            Assert.That(c.UpdatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero)));
            Assert.That(c.AdditionalProperties, Is.Empty, "every field of the record is named by the schema");
        });
    }
}
