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

    [Test]
    public async Task AddMessagesChatClient_registers_the_tool_capable_chat_client()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(options => Configure(fake, options)).AddMessagesChatClient("claude-sonnet-4-6", defaultMaxTokens: 512);
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        await chat.GetResponseAsync("hi");

        Assert.That(chat.GetService<MessagesClient>(), Is.Not.Null);
        Assert.That(chat.GetService<ChatClientMetadata>()!.DefaultModelId, Is.EqualTo("claude-sonnet-4-6"));
        var request = fake.Requests.Single();
        Assert.That(request.Path, Does.EndWith("/messages"));
        Assert.That(request.Json!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(512));
    }

    [Test]
    public async Task A_keyed_registration_gets_a_keyed_messages_chat_client()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud("tools", options => Configure(fake, options)).AddMessagesChatClient("claude-haiku-4-5");
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredKeyedService<IChatClient>("tools");
        await chat.GetResponseAsync("hi");

        Assert.That(provider.GetService<IChatClient>(), Is.Null);
        Assert.That(chat.GetService<MessagesClient>(), Is.Not.Null);
        Assert.That(fake.Requests.Single().Json!.Value.GetProperty("max_tokens").GetInt32(), Is.EqualTo(1024));
    }

    [Test]
    public void AddMessagesChatClient_checks_its_arguments()
    {
        var builder = new ServiceCollection().AddMiladyCloud(options => options.ApiKey = "x");

        Assert.Throws<ArgumentException>(() => builder.AddMessagesChatClient(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddMessagesChatClient("claude-sonnet-4-6", 0));
    }

#pragma warning disable MEAI001 // Microsoft.Extensions.AI marks its image abstractions experimental.
    [Test]
    public async Task AddImageGenerator_registers_a_working_generator_plain_and_keyed()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(options => Configure(fake, options)).AddImageGenerator("openai/gpt-image-2");
        services.AddMiladyCloud("art", options => Configure(fake, options)).AddImageGenerator();
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IImageGenerator>();
        var keyed = provider.GetRequiredKeyedService<IImageGenerator>("art");
        var response = await generator.GenerateImagesAsync("a cat");
        await keyed.GenerateImagesAsync("a dog");

        Assert.That(response.Contents.Single(), Is.InstanceOf<DataContent>());
        Assert.That(generator.GetService<ImageGeneratorMetadata>()!.DefaultModelId, Is.EqualTo("openai/gpt-image-2"));
        Assert.That(keyed.GetService<ImageGeneratorMetadata>()!.DefaultModelId, Is.Null);
        Assert.That(fake.Requests.Select(r => r.Json!.Value.TryGetProperty("model", out var m) ? m.GetString() : null), Is.EqualTo(new[] { "openai/gpt-image-2", null }));
        Assert.Throws<ArgumentException>(() => services.AddMiladyCloud(options => Configure(fake, options)).AddImageGenerator(" "));
    }
#pragma warning restore MEAI001

    private static void Configure(MiladyCloudFakeServer fake, MiladyCloudClientOptions options)
    {
        var configured = fake.CreateOptions();
        options.ApiKey = configured.ApiKey;
        options.BaseUrl = configured.BaseUrl;
    }
}
