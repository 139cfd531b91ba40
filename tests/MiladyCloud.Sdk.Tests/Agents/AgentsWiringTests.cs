using Microsoft.Extensions.DependencyInjection;

namespace MiladyCloud.Sdk.Tests.Agents;

public class AgentsWiringTests
{
    [Test]
    public async Task AddMiladyCloud_registers_the_agents_and_knowledge_clients()
    {
        var services = new ServiceCollection();
        services.AddMiladyCloud(o => o.ApiKey = Infrastructure.FakeApi.ApiKey);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<AgentsClient>(), Is.InstanceOf<AgentsClient>());
            Assert.That(provider.GetRequiredService<KnowledgeClient>(), Is.InstanceOf<KnowledgeClient>());
        });
    }

    [Test]
    public async Task Calls_that_create_something_are_not_repeated_after_ambiguous_failures()
    {
        var handler = new Infrastructure.RecordingHandler(request => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(request.RequestUri!.AbsolutePath switch
            {
                "/api/v1/app/agents" => """{"success":true,"agent":{"id":"a1","name":"n"}}""",
                "/api/my-agents/characters/1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a/clone" => """{"success":true,"data":{"character":{"id":"a2","name":"n (Copy)"}}}""",
                _ => """{"success":true,"documentId":"d1"}""",
            }),
        });
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = Infrastructure.FakeApi.ApiKey });

        await client.Agents.CreateAsync(new Models.CreateAgentRequest { Name = "n" });
        await client.Agents.CloneAsync("1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a");
        await client.Knowledge.CreateAsync(new Models.CreateKnowledgeDocumentRequest { Content = "text" });

        Assert.That(handler.Requests.Select(r => r.RequestUri!.AbsolutePath), Is.EqualTo(new[] { "/api/v1/app/agents", "/api/my-agents/characters/1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a/clone", "/api/v1/knowledge" }));
        // A clone costs nothing but makes another copy each time: never repeated after an ambiguous failure, whatever the options say.
        Assert.That(handler.Requests.Select(r => (Internal.RequestTraits.IsCreditConsuming(r), Internal.RequestTraits.IsNotIdempotent(r))), Is.EqualTo(new[] { (true, false), (false, true), (true, false) }));
    }
}
