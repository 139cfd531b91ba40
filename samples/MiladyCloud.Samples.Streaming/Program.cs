using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// Streams a chat completion, an Anthropic-style message, a Responses API response (with a function call) and a UI chat
// answer to the console, delta by delta.
// Without MILADY_CLOUD_API_KEY it streams from the in-process fake of the service and says so.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
if (fake is not null)
{
    Console.WriteLine($"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");
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

// The Responses API. Instructions send the request down the service's native path, where a function call arrives as
// its own output item with streamed arguments (the translation path drops streamed tool calls).
Console.WriteLine("\nResponse:");
var weather = new ResponseFunctionTool
{
    Name = "get_weather",
    Description = "Current weather for a city.",
    Parameters = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement,
};
var responses = client.Responses.StreamAsync(
    new CreateResponseRequest { Model = "openai/gpt-5.4", Instructions = "Answer briefly; use tools when they help.", Input = prompt, Tools = [weather] },
    cancel.Token);
var responseAccumulator = new ResponseAccumulator();
await foreach (var streamEvent in responses)
{
    responseAccumulator.Add(streamEvent);
    switch (streamEvent)
    {
        case ResponseOutputTextDeltaEvent delta:
            Console.Write(delta.Delta);
            break;
        case ResponseOutputItemDoneEvent { Item: ResponseFunctionCall call }:
            Console.WriteLine($"\n-> {call.Name}({call.Arguments})");
            break;
    }
}

var response = responseAccumulator.ToResponse();
var calls = response.Output.OfType<ResponseFunctionCall>().Count();
Console.WriteLine($"[status: {response.Status}, output tokens: {response.Usage?.OutputTokens}, function calls: {calls}, events skipped: {responses.SkippedEventCount}]");

// The web app's chat route: a tier instead of a model, answered as a Vercel AI SDK UI message stream.
Console.WriteLine("\nUI chat:");
var uiChat = client.UiChat.StreamAsync(prompt, UiChatTier.Fast, cancel.Token);
var uiAccumulator = new UiChatAccumulator();
await foreach (var part in uiChat)
{
    uiAccumulator.Add(part);
    if (part is UiChatTextDeltaPart textDelta)
    {
        Console.Write(textDelta.Delta);
    }
}

var uiResult = uiAccumulator.ToResult();
Console.WriteLine($"\n[finish: {uiResult.FinishReason}, steps: {uiResult.StepCount}, parts: {uiResult.PartCount}, parts skipped: {uiChat.SkippedPartCount}]");
