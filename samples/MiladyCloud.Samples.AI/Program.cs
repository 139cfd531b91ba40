using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// Microsoft.Extensions.AI over MiladyCloud: IChatClient and IEmbeddingGenerator from AddMiladyCloud(), so code written
// against the abstractions runs on elizaOS Cloud unchanged. Without MILADY_CLOUD_API_KEY it uses the in-process fake.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

var services = new ServiceCollection();
services.AddMiladyCloud(options =>
    {
        if (fake is not null)
        {
            options.ApiKey = MiladyCloudFakeServer.ApiKey;
            options.BaseUrl = fake.CreateOptions().BaseUrl;
        }
    })
    .AddChatClient("openai/gpt-5.4")
    .AddEmbeddingGenerator("openai/text-embedding-3-small");
await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();
var embeddings = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

// 1. A streamed reply, then a second turn that relies on the history.
Console.WriteLine("\n1) IChatClient, streaming, with history:");
List<ChatMessage> history = [new(ChatRole.System, "You answer in one short sentence."), new(ChatRole.User, "Name a good first .NET project.")];
var updates = new List<ChatResponseUpdate>();
Console.Write("   ");
await foreach (var update in chat.GetStreamingResponseAsync(history))
{
    Console.Write(update.Text);
    updates.Add(update);
}

history.AddMessages(updates);
history.Add(new ChatMessage(ChatRole.User, "Why that one?"));
var second = await chat.GetResponseAsync(history);
Console.WriteLine($"\n   {second.Text}\n   [finish: {second.FinishReason}, tokens: {second.Usage?.TotalTokenCount}]");

// 2. Semantic search: embed a few documents once, then rank them against a question.
Console.WriteLine("\n2) IEmbeddingGenerator, a tiny semantic search:");
string[] documents =
[
    "Reset your password from the account settings page.",
    "Invoices are emailed on the first day of each month.",
    "The API allows 60 chat requests per minute per key.",
    "Agents can be published to the marketplace and monetized.",
];
var vectors = await embeddings.GenerateAsync(documents);
var question = await embeddings.GenerateVectorAsync("How many requests per minute can I send?");
foreach (var (document, score) in documents.Zip(vectors, (d, v) => (d, EmbeddingMath.CosineSimilarity(question.Span, v.Vector.Span))).OrderByDescending(x => x.Item2))
{
    Console.WriteLine($"   {score:F3}  {document}");
}

// 3. Middleware from Microsoft.Extensions.AI composes with our client. Note: /chat/completions on this service
// accepts `tools` but does not pass them to the model today, so the function below is offered but never called
// there; client.Messages is the route that runs tools (see MiladyCloud.Samples.MessagesTools).
Console.WriteLine("\n3) ChatClientBuilder middleware over client.Chat.AsChatClient():");
var client = provider.GetRequiredService<MiladyCloudClient>();
using var withTools = new ChatClientBuilder(client.Chat.AsChatClient("openai/gpt-5.4")).UseFunctionInvocation().Build();
var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"18°C and sunny in {city}", "get_weather", "Current weather for a city.")] };
var answer = await withTools.GetResponseAsync("What's the weather in Paris?", options);
Console.WriteLine($"   {answer.Text}");
Console.WriteLine($"   provider: {withTools.GetService<ChatClientMetadata>()?.ProviderName}, model: {answer.ModelId}");
Console.WriteLine("\nDone.");
