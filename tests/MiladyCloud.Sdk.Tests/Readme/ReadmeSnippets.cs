using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Readme;

/// <summary>
/// The C# examples of the README and docs/errors-and-retries.md, compiled: each region is the text of one block (<c>using</c> directives hoisted to
/// the top of this file). <see cref="ReadmeSnippetTests"/> fails when the README and this file differ. Never run.
/// </summary>
internal static class ReadmeSnippets
{
    public static async Task QuickstartAsync()
    {
        #region Snippet:Quickstart
        using var client = new MiladyCloudClient(Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY")!);

        // One line for a completion…
        var answer = await client.Chat.CreateAsync("openai/gpt-5.4", "Say hello in five words.");
        Console.WriteLine(answer.Choices[0].Message.Content);

        // …or stream it, Anthropic-style, and still get the whole message at the end.
        var accumulator = new MessageAccumulator();
        await foreach (var e in client.Messages.StreamAsync("claude-sonnet-4-6", "Write a haiku.", maxTokens: 256))
        {
            accumulator.Add(e);
            if (e is MiladyCloud.Sdk.Models.ContentBlockDeltaEvent { Delta: MiladyCloud.Sdk.Models.TextDelta t })
            {
                Console.Write(t.Text);
            }
        }
        #endregion
    }

    public static async Task AgentsAndKnowledgeAsync(MiladyCloudClient client, Stream stream, string agentId)
    {
        #region Snippet:AgentsAndKnowledge
        await foreach (var agent in client.Agents.ListAllAsync(new AgentListOptions { Search = "support" }))
        {
            Console.WriteLine(agent.Name);                       // pages are fetched lazily
        }

        var upload = await client.Knowledge.UploadAsync(
            [KnowledgeFile.FromPath("handbook.pdf"), KnowledgeFile.FromStream(stream, "notes.md")],
            characterId: agentId,
            progress: new Progress<UploadProgress>(p => Console.Write($"\r{p.Fraction:P0}")));  // limits checked before sending
        var hits = await client.Knowledge.QueryAsync("How do I reset my password?", limit: 3, characterId: agentId);
        #endregion
    }

    public static async Task ResponsesAsync(MiladyCloudClient client)
    {
        #region Snippet:Responses
        var stream = client.Responses.StreamAsync("anthropic/claude-sonnet-4.6", "Write a haiku.");
        var response = new ResponseAccumulator();
        await foreach (var e in stream)
        {
            response.Add(e);
            if (e is MiladyCloud.Sdk.Models.ResponseOutputTextDeltaEvent delta)
            {
                Console.Write(delta.Delta);
            }
        }

        Console.WriteLine($"\n{response.ToResponse().Status}, {stream.SkippedEventCount} unknown event(s) skipped");
        #endregion
    }

    public static void MicrosoftExtensionsAI(MiladyCloudClient client, IServiceCollection services, IConfiguration configuration)
    {
        #region Snippet:MicrosoftExtensionsAI
        IChatClient chat = client.Chat.AsChatClient("openai/gpt-5.4");
        IChatClient withTools = client.Messages.AsChatClient("claude-sonnet-4-6")  // tools run here
            .AsBuilder().UseFunctionInvocation().Build();
        IEmbeddingGenerator<string, Embedding<float>> embeddings = client.Embeddings.AsEmbeddingGenerator("openai/text-embedding-3-small");

        // or with dependency injection (one IChatClient per registration: AddChatClient or AddMessagesChatClient)
        services.AddMiladyCloud(configuration.GetSection("MiladyCloud"))
            .AddMessagesChatClient("claude-sonnet-4-6", defaultMaxTokens: 2048)
            .AddEmbeddingGenerator("openai/text-embedding-3-small");
        #endregion
    }

    public static void Fleet(IServiceCollection services, string key, IConnectionMultiplexer multiplexer)
    {
        #region Snippet:Fleet
        // dotnet add package MiladyCloud.Sdk.Redis; multiplexer = ConnectionMultiplexer.Connect("redis:6379,abortConnect=false")
        services.AddMiladyCloud(o => o.ApiKey = key).AddRedisRateLimits(multiplexer);
        // or without dependency injection:
        var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key }.UseRedisRateLimits(multiplexer));
        #endregion
    }

    public static async Task SharedRateLimitsAsync(string key)
    {
        #region Snippet:SharedRateLimits
        var tracker = new RateLimitTracker();
        using var first = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key, RateLimits = tracker });
        using var second = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key, RateLimits = tracker });

        var create = RateLimitRoute.For(HttpMethod.Post, "/api/v1/containers");
        var wait = await first.RateLimits.GetWaitAsync(create, DateTimeOffset.UtcNow);
        Console.WriteLine($"{create.Preset}: {first.RateLimits.EstimateRemaining(create.Preset!, DateTimeOffset.UtcNow)} left, wait {wait}");
        #endregion
    }
}
