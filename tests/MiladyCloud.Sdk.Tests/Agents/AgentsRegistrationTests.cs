using Microsoft.Extensions.DependencyInjection;

namespace MiladyCloud.Sdk.Tests.Agents;

public class AgentsRegistrationTests
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
}
