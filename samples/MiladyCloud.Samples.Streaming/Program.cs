using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// Streams a chat completion and an Anthropic-style message to the console, delta by delta.
// Without MILADY_CLOUD_API_KEY it streams from the in-process fake of the service and says so.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
if (fake is not null)
{
    Console.WriteLine("No MILADY_CLOUD_API_KEY set: streaming from the built-in local fake of the service.");
}

var prompt = args.Length > 0 ? string.Join(' ', args) : "Write a haiku about streams.";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Console.WriteLine("\nChat completion:");
await foreach (var chunk in client.Chat.StreamAsync("openai/gpt-5.4", prompt, cancel.Token))
{
    Console.Write(chunk.Choices.FirstOrDefault()?.Delta.Content);
}

Console.WriteLine("\n\nMessage:");
var accumulator = new MessageAccumulator();
await foreach (var streamEvent in client.Messages.StreamAsync("claude-sonnet-4-6", prompt, maxTokens: 512, cancel.Token))
{
    accumulator.Add(streamEvent);
    if (streamEvent is ContentBlockDeltaEvent { Delta: TextDelta text })
    {
        Console.Write(text.Text);
    }
}

var message = accumulator.ToMessage();
Console.WriteLine($"\n\n[stop reason: {message.StopReason}, output tokens: {message.Usage.OutputTokens}]");
