using System.Text.Json;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// The README's main sample. With MILADY_CLOUD_API_KEY set it calls the real service; without it, it starts the
// in-process fake of the service (MiladyCloud.Sdk.Testing) and says so.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

var chatModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_CHAT_MODEL") ?? "openai/gpt-5.4";
var claudeModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_MESSAGES_MODEL") ?? "claude-sonnet-4-6";
var embeddingModel = Environment.GetEnvironmentVariable("MILADY_CLOUD_EMBEDDING_MODEL") ?? "openai/text-embedding-3-small";

// 1. A streamed chat reply, printed as it arrives.
Console.WriteLine("\n1) Streaming a chat completion:");
var stream = client.Chat.StreamAsync(chatModel, "Say hello to a .NET developer in one sentence.");
var accumulator = new ChatCompletionAccumulator();
await foreach (var chunk in stream)
{
    accumulator.Add(chunk);
    Console.Write(chunk.Choices.FirstOrDefault()?.Delta.Content);
}

Console.WriteLine($"\n   [{accumulator.ChunkCount} chunks, finish reason: {accumulator.ToCompletion().Choices[0].FinishReason}, requests left this window: {stream.RateLimit?.Remaining?.ToString() ?? "n/a"}]");

// 2. An Anthropic-style message with a tool: the model asks for the tool, we answer, it replies.
Console.WriteLine("\n2) Messages with a tool:");
var weatherTool = new MessageTool
{
    Name = "get_weather",
    Description = "Current weather for a city.",
    InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement,
};
var conversation = new List<MessageParam> { new() { Role = MessageRole.User, Content = "What's the weather in Paris?" } };
var reply = await client.Messages.CreateAsync(new MessageRequest { Model = claudeModel, MaxTokens = 512, Messages = conversation, Tools = [weatherTool] });
if (reply.Content.OfType<ToolUseBlock>().FirstOrDefault() is { } call)
{
    Console.WriteLine($"   The model calls {call.Name}({call.Input.GetRawText()})");
    conversation.Add(new MessageParam { Role = MessageRole.Assistant, Content = MessageContent.FromItems(reply.Content.ToArray()) });
    conversation.Add(new MessageParam { Role = MessageRole.User, Content = MessageContent.FromItems(new ToolResultBlock { ToolUseId = call.Id, Content = "18°C and sunny" }) });
    reply = await client.Messages.CreateAsync(new MessageRequest { Model = claudeModel, MaxTokens = 512, Messages = conversation, Tools = [weatherTool] });
}

Console.WriteLine($"   Answer: {string.Concat(reply.Content.OfType<TextBlock>().Select(t => t.Text))} (stop: {reply.StopReason})");

// 3. Embeddings and a similarity score.
Console.WriteLine("\n3) Embeddings:");
var vectors = await client.Embeddings.CreateBatchedAsync(embeddingModel, ["The cat sat on the mat.", "A cat is sitting on a rug.", "Quarterly revenue grew 12%."]);
Console.WriteLine($"   {vectors.Count} vectors of {vectors[0].Length} dimensions");
Console.WriteLine($"   cosine similarity, \"The cat sat on the mat.\" vs \"A cat is sitting on a rug.\":  {EmbeddingMath.CosineSimilarity(vectors[0].Span, vectors[1].Span):F3}");
Console.WriteLine($"   cosine similarity, \"The cat sat on the mat.\" vs \"Quarterly revenue grew 12%.\": {EmbeddingMath.CosineSimilarity(vectors[0].Span, vectors[2].Span):F3}");

// 4. An image, generated (with a progress indicator while the service works) and saved to disk.
Console.Write("\n4) Generating an image ");
var generation = client.Images.CreateAsync("A watercolor fox reading a book", numImages: 1);
var spinner = new[] { '|', '/', '-', '\\' };
for (var tick = 0; !generation.IsCompleted; tick++)
{
    Console.Write(spinner[tick % spinner.Length]);
    await Task.WhenAny(generation, Task.Delay(250));
    Console.Write('\b');
}

var image = (await generation)[0];
var imagePath = Path.Combine(Path.GetTempPath(), $"milady-quickstart-{Guid.NewGuid():N}.{(image.MediaType == "image/webp" ? "webp" : "png")}");
await image.SaveAsync(imagePath);
Console.WriteLine($"\n   Saved {new FileInfo(imagePath).Length} bytes ({image.MediaType}) to {imagePath}");

// 5. The model catalog.
var models = await client.Models.ListAsync();
Console.WriteLine($"\n5) The service offers {models.Data.Count} models, for example {string.Join(", ", models.Data.Take(3).Select(m => m.Id))}.");
Console.WriteLine("\nDone.");
return 0;
