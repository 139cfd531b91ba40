using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;

// The SDK through Microsoft.Extensions.AI: code written against IChatClient and IEmbeddingGenerator runs on elizaOS
// Cloud unchanged. With MILADY_CLOUD_API_KEY set it calls the real service; without it, the in-process fake.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

var chatModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_CHAT_MODEL") ?? "openai/gpt-5.4";
var messagesModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_MESSAGES_MODEL") ?? "claude-sonnet-4-6";
var embeddingModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_EMBEDDING_MODEL") ?? "openai/text-embedding-3-small";

// AddMiladyCloud reads MILADY_CLOUD_API_KEY itself; only the fake needs its key and address spelled out.
var services = new ServiceCollection();
services.AddMiladyCloud(o =>
    {
        if (fake is not null)
        {
            o.ApiKey = MiladyCloudFakeServer.ApiKey;
            o.BaseUrl = fake.BaseUrl;
        }
    })
    .AddChatClient(chatModel)
    .AddEmbeddingGenerator(embeddingModel);
await using var provider = services.BuildServiceProvider();

// 1. A streamed reply: each update carries the next piece of text.
var chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine("\n1) Streaming through IChatClient:");
Console.Write("   ");
await foreach (var update in chat.GetStreamingResponseAsync("Explain dependency injection in one sentence."))
{
    Console.Write(update.Text);
}

Console.WriteLine();

// 2. A conversation: the service keeps no state, so every turn sends the whole history.
Console.WriteLine("\n2) A multi-turn conversation:");
List<ChatMessage> history = [new(ChatRole.System, "You are a concise assistant for .NET developers.")];
foreach (var question in new[] { "Name one immutable collection type in .NET.", "When would I pick it over List<T>?" })
{
    history.Add(new ChatMessage(ChatRole.User, question));
    var response = await chat.GetResponseAsync(history);
    history.AddMessages(response);
    Console.WriteLine($"   you: {question}\n   ai:  {response.Text}");
}

Console.WriteLine($"   [{history.Count} messages in the history]");

// 3. Semantic search: embed the documents once, embed the query, rank by cosine similarity.
Console.WriteLine("\n3) Semantic search with IEmbeddingGenerator:");
var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
string[] documents =
[
    "Kestrel is the cross-platform web server that ASP.NET Core uses.",
    "Span<T> gives safe access to contiguous memory without copying.",
    "Entity Framework Core maps .NET objects to relational database tables.",
    "The garbage collector reclaims memory that is no longer referenced.",
    "Minimal APIs map HTTP routes to lambdas with little ceremony.",
];
var documentVectors = await embedder.GenerateAsync(documents);
const string query = "How do I serve HTTP requests?";
var queryVector = await embedder.GenerateVectorAsync(query);
var ranked = documents
    .Select((text, i) => (Text: text, Score: EmbeddingMath.CosineSimilarity(queryVector.Span, documentVectors[i].Vector.Span)))
    .OrderByDescending(hit => hit.Score);
Console.WriteLine($"   Query: {query}");
if (fake is not null)
{
    // The fake's vectors are derived from a hash of the text, so only the real service ranks by meaning.
    Console.WriteLine("   (local fake: the vectors are not semantic, so this order is arbitrary)");
}

foreach (var (text, score) in ranked)
{
    Console.WriteLine($"   {score,6:F3}  {text}");
}

// 4. Function invocation. The service runs tools on /messages (it never forwards them on /chat/completions), so the
// tool loop goes through client.Messages.AsChatClient(): UseFunctionInvocation runs get_local_time when the model asks
// and sends the result back as a tool_result.
Console.WriteLine("\n4) ChatClientBuilder with function invocation, over client.Messages:");
if (fake is not null)
{
    // The fake invents tool input from the schema ("example"); a real time zone makes the demo read naturally.
    fake.Replies.ToolInput = JsonDocument.Parse("""{"timeZone":"Asia/Tokyo"}""").RootElement;
}

var client = provider.GetRequiredService<MiladyCloudClient>();
using var withTools = client.Messages.AsChatClient(messagesModel).AsBuilder().UseFunctionInvocation().Build();
var toolOptions = new ChatOptions { Tools = [AIFunctionFactory.Create(GetLocalTime, "get_local_time")] };
var toolAnswer = await withTools.GetResponseAsync("What time is it in Tokyo?", toolOptions);
var toolCalls = toolAnswer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
foreach (var call in toolCalls)
{
    Console.WriteLine($"   -> {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])})");
}

// The response holds every message of the loop (the call, the result, the answer): the last one is the answer.
Console.WriteLine($"   {toolAnswer.Messages[^1].Text}\n   [tool calls made: {toolCalls.Count}]");

Console.WriteLine("\nDone.");
return 0;

[Description("The current local time in an IANA time zone, such as Asia/Tokyo.")]
static string GetLocalTime([Description("IANA time zone id")] string timeZone)
    => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("HH:mm");
