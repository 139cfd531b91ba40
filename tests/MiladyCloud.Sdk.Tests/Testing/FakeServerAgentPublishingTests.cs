using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake's <c>/api/v1/agents</c> routes (organization get, publish, monetization, token lookup), driven through
/// <see cref="AgentsClient"/>.
/// </summary>
public class FakeServerAgentPublishingTests
{
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task The_organization_route_returns_the_stored_record_and_404_outside_the_organization()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", TokenAddress = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01", TokenChain = "base", TokenTicker = "ADA" });
        var theirs = _fake.AddSavedAgent("Chef");

        var record = await _client.Agents.GetFromOrganizationAsync(agent.Id);
        var outside = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetFromOrganizationAsync(theirs));

        Assert.Multiple(() =>
        {
            Assert.That((record.Id, record.Name, record.Username, record.OrganizationId), Is.EqualTo((agent.Id, "Ada", "ada", "00000000-0000-0000-0000-0000000f0a4e")));
            Assert.That((record.TokenAddress, record.TokenChain, record.TokenTicker), Is.EqualTo(("0xabcdef0123456789abcdef0123456789abcdef01", "base", "ADA")), "EVM addresses are stored in lower case");
            Assert.That((record.IsPublic, record.MonetizationEnabled, record.InferenceMarkupPercentage, record.A2aEnabled, record.McpEnabled), Is.EqualTo(((bool?)false, (bool?)false, "0.00", (bool?)true, (bool?)true)));
            Assert.That(outside!.RawBody, Is.EqualTo("""{"success":false,"error":"Agent not found"}"""));
        });
    }

    [Test]
    public async Task Publishing_applies_the_settings_once_and_later_reads_show_them()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });

        var published = await _client.Agents.PublishAsync(agent.Id, new PublishAgentRequest { EnableMonetization = true, MarkupPercentage = 12.5, PayoutWalletAddress = "0xwallet", McpEnabled = false });
        var again = await _client.Agents.PublishAsync(agent.Id, new PublishAgentRequest { MarkupPercentage = 99 });
        var record = await _client.Agents.GetAsync(agent.Id);
        var monetization = await _client.Agents.GetMonetizationAsync(agent.Id);
        var site = _fake.Url.ToString().TrimEnd('/');

        Assert.Multiple(() =>
        {
            Assert.That((published.Id, published.IsPublic, published.MonetizationEnabled, published.MarkupPercentage), Is.EqualTo((agent.Id, true, (bool?)true, (double?)12.5)));
            Assert.That((published.A2aEnabled, published.McpEnabled), Is.EqualTo(((bool?)true, (bool?)false)));
            Assert.That(published.A2aEndpoint, Is.EqualTo($"{site}/api/agents/{agent.Id}/a2a"));
            Assert.That((again.IsPublic, again.MarkupPercentage, again.MonetizationEnabled), Is.EqualTo((true, (double?)null, (bool?)null)), "a second publish changes nothing");
            Assert.That(again.McpEndpoint, Is.EqualTo($"{site}/api/agents/{agent.Id}/mcp"));
            Assert.That((record.IsPublic, record.InferenceMarkupPercentage, record.PayoutWalletAddress, record.McpEnabled), Is.EqualTo(((bool?)true, "12.50", "0xwallet", (bool?)false)));
            Assert.That((monetization.Enabled, monetization.MarkupPercentage, monetization.IsPublic, monetization.TotalEarnings, monetization.TotalRequests), Is.EqualTo((true, (double?)12.5, (bool?)true, (double?)0, (long?)0)));
        });
    }

    [Test]
    public async Task Unpublishing_makes_the_agent_private_and_switches_monetization_off()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        await _client.Agents.PublishAsync(agent.Id, new PublishAgentRequest { EnableMonetization = true });

        await _client.Agents.UnpublishAsync(agent.Id);
        var share = await _client.Agents.GetShareStatusAsync(agent.Id);
        var monetization = await _client.Agents.GetMonetizationAsync(agent.Id);

        Assert.Multiple(() =>
        {
            Assert.That(share.IsPublic, Is.False, "publishing and sharing are the same flag");
            Assert.That((monetization.Enabled, monetization.IsPublic), Is.EqualTo((false, (bool?)false)));
        });
    }

    [Test]
    public async Task Publish_and_monetization_answer_404_for_unknown_agents_and_403_for_other_users_agents()
    {
        var theirs = _fake.AddSavedAgent("Chef");
        var unknown = Guid.NewGuid().ToString();

        var publishUnknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.PublishAsync(unknown));
        var publishTheirs = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Agents.PublishAsync(theirs));
        var unpublishTheirs = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Agents.UnpublishAsync(theirs));
        var readUnknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetMonetizationAsync(unknown));
        var readTheirs = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Agents.GetMonetizationAsync(theirs));

        Assert.Multiple(() =>
        {
            Assert.That(publishUnknown!.ServerMessage, Is.EqualTo("Agent not found"));
            Assert.That(publishTheirs!.ServerMessage, Is.EqualTo("Not authorized to publish this agent"));
            Assert.That(unpublishTheirs!.ServerMessage, Is.EqualTo("Not authorized"));
            Assert.That(readUnknown!.ServerMessage, Is.EqualTo("Agent not found"));
            Assert.That(readTheirs!.ServerMessage, Is.EqualTo("Not authorized to view this agent"));
        });
    }

    [Test]
    public async Task Monetization_changes_only_what_is_sent_and_later_reads_show_it()
    {
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        await _client.Agents.PublishAsync(agent.Id);

        var updated = await _client.Agents.UpdateMonetizationAsync(agent.Id, new UpdateAgentMonetizationRequest { MonetizationEnabled = true, MarkupPercentage = 30 });
        var walletOnly = await _client.Agents.UpdateMonetizationAsync(agent.Id, new UpdateAgentMonetizationRequest { PayoutWalletAddress = "0xpayout" });
        var read = await _client.Agents.GetMonetizationAsync(agent.Id);

        Assert.Multiple(() =>
        {
            Assert.That((updated.Enabled, updated.MarkupPercentage, updated.PayoutWalletAddress, updated.IsPublic), Is.EqualTo((true, (double?)30, (string?)null, (bool?)true)));
            Assert.That((updated.TotalEarnings, updated.A2aEnabled), Is.EqualTo(((double?)null, (bool?)null)), "the update does not send the totals or protocol flags");
            Assert.That((walletOnly.Enabled, walletOnly.MarkupPercentage, walletOnly.PayoutWalletAddress), Is.EqualTo((true, (double?)30, "0xpayout")));
            Assert.That((read.Enabled, read.MarkupPercentage, read.PayoutWalletAddress, read.A2aEnabled), Is.EqualTo((true, (double?)30, "0xpayout", (bool?)true)));
        });
        Assert.That((await _client.Agents.GetAsync(agent.Id)).InferenceMarkupPercentage, Is.EqualTo("30.00"));
    }

    [Test]
    public async Task A_monetization_change_is_refused_with_400_and_the_services_reason()
    {
        var privateAgent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada" });
        var theirs = _fake.AddSavedAgent("Chef");
        var change = new UpdateAgentMonetizationRequest { MonetizationEnabled = true };

        var notPublic = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Agents.UpdateMonetizationAsync(privateAgent.Id, change));
        var notOwner = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Agents.UpdateMonetizationAsync(theirs, change));
        var unknown = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Agents.UpdateMonetizationAsync(Guid.NewGuid().ToString(), change));
        // The typed client refuses a markup over 1000 before sending, so the untyped escape hatch sends one.
        var body = JsonDocument.Parse("""{"markupPercentage":1001}""").RootElement;
        var invalid = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Put, $"agents/{privateAgent.Id}/monetization", body));

        Assert.Multiple(() =>
        {
            Assert.That(notPublic!.ServerMessage, Is.EqualTo("Agent must be public to enable monetization"));
            Assert.That(notOwner!.ServerMessage, Is.EqualTo("Not authorized to update this agent"));
            Assert.That(unknown!.ServerMessage, Is.EqualTo("Agent not found"), "the service reports an unknown agent as 400, not 404");
            Assert.That(invalid!.RawBody, Is.EqualTo("""{"success":false,"error":"Invalid request","details":{"_errors":[],"markupPercentage":{"_errors":["Too big: expected number to be \u003C=1000"]}}}"""));
        });
    }

    [Test]
    public async Task The_token_lookup_finds_published_agents_only_and_matches_EVM_addresses_in_any_case()
    {
        const string address = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
        var agent = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", TokenAddress = address, TokenChain = "base", TokenName = "Ada Token", TokenTicker = "ADA" });

        var whilePrivate = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetByTokenAsync(address));
        await _client.Agents.PublishAsync(agent.Id);
        var found = await _client.Agents.GetByTokenAsync(address.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), "base");
        var otherChain = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetByTokenAsync(address, "solana"));

        Assert.Multiple(() =>
        {
            Assert.That(whilePrivate!.ServerMessage, Is.EqualTo("No agent linked to this token"), "a private agent looks unlinked");
            Assert.That((found.Id, found.Name, found.IsPublic, found.TokenName, found.TokenTicker, found.TokenChain), Is.EqualTo((agent.Id, "Ada", (bool?)true, "Ada Token", "ADA", "base")));
            Assert.That(found.Bio!.Items, Is.EqualTo(new[] { "A helpful AI assistant" }));
            Assert.That(otherChain!.ServerMessage, Is.EqualTo("No agent linked to this token"));
        });
    }

    [Test]
    public async Task A_token_links_one_agent_and_the_lookup_checks_its_query()
    {
        var first = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", TokenAddress = "So1anaMintAddre55", TokenChain = "solana" });

        var second = Assert.ThrowsAsync<MiladyCloudApiException>(() => _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Bob", TokenAddress = "So1anaMintAddre55", TokenChain = "solana" }));
        var caseMatters = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Agents.GetByTokenAsync("so1anamintaddre55", "solana"));
        // The typed client checks the query first, so the untyped escape hatch sends what the server refuses.
        var missing = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Get, "agents/by-token"));
        var tooLong = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Get, "agents/by-token?address=x&chain=" + new string('c', 51)));

        Assert.Multiple(() =>
        {
            Assert.That((int)second!.StatusCode, Is.EqualTo(409));
            Assert.That(second.RawBody, Is.EqualTo($$"""{"success":false,"error":"An agent is already linked to token So1anaMintAddre55 on solana","existingAgentId":"{{first.Id}}"}"""));
            Assert.That(caseMatters!.ServerMessage, Is.EqualTo("No agent linked to this token"), "non-EVM addresses keep their case");
            Assert.That(missing!.ServerMessage, Is.EqualTo("Missing required query parameter: address"));
            Assert.That(tooLong!.ServerMessage, Is.EqualTo("chain parameter exceeds maximum length (50)"));
        });
    }
}
