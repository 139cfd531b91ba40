using System.Globalization;
using System.Text.Json;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// An Anthropic-style tool loop over client.Messages: stream each turn, run every tool the model asks for, send the
// results back, and stop when the model ends its turn. With MILADY_CLOUD_API_KEY set it calls the real service;
// without it, the in-process fake (which calls the first tool once, then answers in text).
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

// The fake invents tool input from the schema ("example"); a realistic city makes the demo read naturally.
if (fake is not null)
{
    fake.Replies.ToolInput = JsonDocument.Parse("""{"city":"Paris"}""").RootElement;
}

var model = Environment.GetEnvironmentVariable("MILADY_CLOUD_MESSAGES_MODEL") ?? "claude-sonnet-4-6";
MessageTool[] tools =
[
    Tool("get_weather", "Current weather for a city, in degrees Celsius.", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
    Tool("convert_temperature", "Converts degrees Celsius to Fahrenheit.", """{"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}"""),
];
var conversation = new List<MessageParam>
{
    new() { Role = MessageRole.User, Content = "What's the weather in Paris? Give the temperature in Fahrenheit too." },
};

// A model that keeps asking for tools must not loop forever (or spend credits forever).
const int MaxTurns = 6;
var toolRounds = 0;
for (var turn = 1; turn <= MaxTurns; turn++)
{
    Console.Write($"\n[turn {turn}] assistant: ");
    var accumulator = new MessageAccumulator();
    await foreach (var streamEvent in client.Messages.StreamAsync(new MessageRequest { Model = model, MaxTokens = 1024, Messages = conversation, Tools = tools }))
    {
        accumulator.Add(streamEvent);
        if (streamEvent is ContentBlockDeltaEvent { Delta: TextDelta text })
        {
            Console.Write(text.Text);
        }
    }

    // The assistant turn goes back verbatim: tool_result blocks must answer tool_use ids the service has seen.
    var reply = accumulator.ToMessage();
    conversation.Add(new MessageParam { Role = MessageRole.Assistant, Content = MessageContent.FromItems(reply.Content.ToArray()) });
    Console.WriteLine($"\n          (stop reason: {reply.StopReason})");
    if (reply.StopReason != StopReason.ToolUse)
    {
        Console.WriteLine($"\nFinished after {toolRounds} tool round(s).");
        return 0;
    }

    // Every tool_use block of the turn is answered in one user message, in the same order.
    var results = reply.Content.OfType<ToolUseBlock>().Select(Run).ToArray<ContentBlock>();
    conversation.Add(new MessageParam { Role = MessageRole.User, Content = MessageContent.FromItems(results) });
    toolRounds++;
}

Console.WriteLine($"\nStopped: still asking for tools after {MaxTurns} turns.");
return 1;

static MessageTool Tool(string name, string description, string schema)
    => new() { Name = name, Description = description, InputSchema = JsonDocument.Parse(schema).RootElement };

// A failing tool is reported to the model with is_error, so it can recover, rather than ending the program.
static ToolResultBlock Run(ToolUseBlock call)
{
    Console.WriteLine($"          -> {call.Name}({call.Input.GetRawText()})");
    try
    {
        var output = call.Name switch
        {
            "get_weather" => GetWeather(call.Input.GetProperty("city").GetString() ?? ""),
            "convert_temperature" => (call.Input.GetProperty("celsius").GetDouble() * 9 / 5 + 32).ToString("F1", CultureInfo.InvariantCulture) + " °F",
            _ => throw new InvalidOperationException($"Unknown tool '{call.Name}'."),
        };
        Console.WriteLine($"          <- {output}");
        return new ToolResultBlock { ToolUseId = call.Id, Content = output };
    }
    catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
    {
        Console.WriteLine($"          <- error: {ex.Message}");
        return new ToolResultBlock { ToolUseId = call.Id, Content = ex.Message, IsError = true };
    }
}

// A stand-in for a weather service: deterministic per city so reruns print the same thing.
static string GetWeather(string city)
{
    var celsius = 10 + city.ToUpperInvariant().Sum(c => c) % 15;
    return $"{celsius} °C and partly cloudy in {city}";
}
