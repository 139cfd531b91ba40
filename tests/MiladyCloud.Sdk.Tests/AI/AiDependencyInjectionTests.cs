using MiladyCloud.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>Registering the Microsoft.Extensions.AI services with <c>AddMiladyCloud()</c>.</summary>
public class AiDependencyInjectionTests
{
    [Test]
    public async Task AddChatClient_and_AddEmbeddingGenerator_register_working_services()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(options => Configure(fake, options))
            .AddChatClient("openai/gpt-5.4")
            .AddEmbeddingGenerator("openai/text-embedding-3-small");
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        var embeddings = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var reply = await chat.GetResponseAsync("hi");
        var vector = await embeddings.GenerateVectorAsync("hi");

        Assert.That(reply.Text, Does.Contain("You said: hi"));
        Assert.That(vector.Length, Is.EqualTo(fake.Replies.EmbeddingDimensions));
        Assert.That(chat.GetService<ChatClientMetadata>()!.DefaultModelId, Is.EqualTo("openai/gpt-5.4"));
    }

    [Test]
    public async Task A_keyed_registration_gets_keyed_services()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud("second", options => Configure(fake, options)).AddChatClient("anthropic/claude-sonnet-4.6");
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredKeyedService<IChatClient>("second");
        await chat.GetResponseAsync("hi");

        Assert.That(provider.GetService<IChatClient>(), Is.Null);
        Assert.That(fake.Requests.Single().Body, Does.Contain("anthropic/claude-sonnet-4.6"));
    }

    private static void Configure(MiladyCloudFakeServer fake, MiladyCloudClientOptions options)
    {
        var configured = fake.CreateOptions();
        options.ApiKey = configured.ApiKey;
        options.BaseUrl = configured.BaseUrl;
    }
}
