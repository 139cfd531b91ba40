using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.Agents;

/// <summary>
/// What the character handlers of elizaOS/cloud really do, held against the SDK: ids go to a UUID column unchecked,
/// a clone's username has rules, and the calls that create or change something are not repeated after an ambiguous
/// failure.
/// </summary>
public class AgentServerRulesTests
{
    private const string Id = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    private const string CloneBody = """{"success":true,"data":{"character":{"id":"5a7e0c2d-3b4f-4e6a-8c9d-0e1f2a3b4c5d","name":"Bot (Copy)"},"message":"Character cloned successfully"}}""";

    private static IEnumerable<TestCaseData> CallsWithAnId()
    {
        yield return Case("Agents.Get", (c, id) => c.Agents.GetAsync(id));
        yield return Case("Agents.GetFromOrganization", (c, id) => c.Agents.GetFromOrganizationAsync(id));
        yield return Case("Agents.Delete", (c, id) => c.Agents.DeleteAsync(id));
        yield return Case("Agents.Clone", (c, id) => c.Agents.CloneAsync(id));
        yield return Case("Agents.GetStats", (c, id) => c.Agents.GetStatsAsync(id));
        yield return Case("Agents.GetShareStatus", (c, id) => c.Agents.GetShareStatusAsync(id));
        yield return Case("Agents.SetShareStatus", (c, id) => c.Agents.SetShareStatusAsync(id, true));
        yield return Case("Agents.Publish", (c, id) => c.Agents.PublishAsync(id));
        yield return Case("Agents.Unpublish", (c, id) => c.Agents.UnpublishAsync(id));
        yield return Case("Agents.GetMonetization", (c, id) => c.Agents.GetMonetizationAsync(id));
        yield return Case("Agents.UpdateMonetization", (c, id) => c.Agents.UpdateMonetizationAsync(id, new UpdateAgentMonetizationRequest()));
        yield return Case("Agents.GetPublic", (c, id) => c.Agents.GetPublicAsync(id));
        yield return Case("Agents.InvokeN8nRoute", (c, id) => c.Agents.InvokeN8nRouteAsync(id, HttpMethod.Get, "workflows"));
        yield return Case("Saved.Get", (c, id) => c.Agents.Saved.GetAsync(id));
        yield return Case("Saved.Remove", (c, id) => c.Agents.Saved.RemoveAsync(id));
        yield return Case("Mcp.Get", (c, id) => c.Agents.Mcp.GetAsync(id));
        yield return Case("Mcp.Replace", (c, id) => c.Agents.Mcp.ReplaceAsync(id, new AgentMcpSettings { Servers = new Dictionary<string, AgentMcpServer>() }));
        yield return Case("Mcp.AddServer", (c, id) => c.Agents.Mcp.AddServerAsync(id, "docs", new AgentMcpServer { Type = AgentMcpServerType.StreamableHttp, Url = "/api/mcp/docs" }));
        yield return Case("Mcp.RemoveServer", (c, id) => c.Agents.Mcp.RemoveServerAsync(id, "docs"));

        static TestCaseData Case(string name, Func<MiladyCloudClient, string, Task> call) => new TestCaseData(call).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(CallsWithAnId))]
    public void A_character_id_that_is_not_a_UUID_is_refused_before_sending(Func<MiladyCloudClient, string, Task> call)
    {
        // The server hands the id to a UUID column unchecked: the database refuses it and the route answers 500
        // (400 on the clone route, whose status depends on the error text), never 404.
        using var api = new FakeApi();

        var ex = Assert.CatchAsync<ArgumentException>(() => call(api.Client, "support-bot"));

        Assert.That(ex!.Message, Does.Contain("UUID"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [TestCase("ab")]
    [TestCase("a-very-long-username-of-31-char")]
    [TestCase("-ada")]
    [TestCase("ada-")]
    [TestCase("a--da")]
    [TestCase("ada_lovelace")]
    [TestCase("   ")]
    [TestCase("Admin")]
    [TestCase("www")]
    public void A_clone_username_the_server_would_refuse_is_refused_before_sending(string username)
    {
        using var api = new FakeApi();

        Assert.ThrowsAsync<ArgumentException>(() => api.Client.Agents.CloneAsync(Id, new CloneAgentRequest { Username = username }));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [TestCase(" Night-Shift ")]
    [TestCase("abc")]
    [TestCase("a-very-long-username-of-30-chr")]
    [TestCase("")]
    public void A_clone_username_the_server_accepts_is_sent_as_given(string username)
    {
        using var api = new ScriptedServer().Then(200, CloneBody);

        Assert.DoesNotThrowAsync(() => api.Client.Agents.CloneAsync(Id, new CloneAgentRequest { Username = username }));

        var sent = JsonDocument.Parse(api.Server.LogEntries.Single().RequestMessage!.Body!);
        Assert.That(sent.RootElement.GetProperty("username").GetString(), Is.EqualTo(username), "the server trims and lower-cases it itself");
    }

    [TestCase(500)]
    [TestCase(504)]
    public void A_clone_is_not_repeated_after_an_ambiguous_failure_even_with_the_credit_opt_in(int status)
    {
        using var api = new ScriptedServer(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true).Then(status).Then(200, CloneBody);

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Agents.CloneAsync(Id));

        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    public void An_n8n_call_that_may_change_workflows_is_not_repeated_after_a_500(string method)
    {
        using var api = new ScriptedServer().Then(500, """{"success":false,"error":"n8n unreachable"}""").Then(200, "{}");
        using var body = JsonDocument.Parse("""{"name":"flow"}""");

        Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Agents.InvokeN8nRouteAsync(Id, new HttpMethod(method), "workflows/1", method == "DELETE" ? null : body.RootElement));

        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task An_n8n_read_is_still_retried_after_a_500()
    {
        using var api = new ScriptedServer().Then(500, """{"success":false,"error":"n8n unreachable"}""").Then(200, """{"data":[]}""");

        var call = api.Client.Agents.InvokeN8nRouteAsync(Id, HttpMethod.Get, "workflows");
        api.Clock.Advance(await api.NextRetryDelayAsync());
        var result = await call;

        Assert.That(result.GetProperty("data").GetArrayLength(), Is.Zero);
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void The_refusals_of_a_monetization_update_are_400s_whatever_the_reason()
    {
        using var api = new ScriptedServer().Then(400, """{"success":false,"error":"Agent must be public to enable monetization"}""");

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => api.Client.Agents.UpdateMonetizationAsync(Id, new UpdateAgentMonetizationRequest { MonetizationEnabled = false }));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Agent must be public to enable monetization"));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }
}
