using System.Text.Json;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// An Anthropic-style tool loop over client.Messages: stream each turn, run every tool the model asks for, send the
// results back, and stop when the model answers without a tool (or after a few turns, as a guard).
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

var model = Environment.GetEnvironmentVariable("MILADY_CLOUD_MESSAGES_MODEL") ?? "claude-sonnet-4-6";
var tools = new Dictionary<string, (MessageTool Declaration, Func<JsonElement, string> Run)>
{
    ["get_weather"] = (Tool("get_weather", "Current weather for a city, in Celsius.", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
        input => $"18°C and sunny in {Text(input, "city")}"),
    ["convert_temperature"] = (Tool("convert_temperature", "Converts Celsius to Fahrenheit.", """{"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}"""),
        input => input.TryGetProperty("celsius", out var c) && c.TryGetDouble(out var celsius) ? $"{celsius * 9 / 5 + 32:F1}°F" : "celsius must be a number"),
};

var conversation = new List<MessageParam> { new() { Role = MessageRole.User, Content = "What's the weather in Paris, in Fahrenheit?" } };
const int MaxTurns = 5;
for (var turn = 1; turn <= MaxTurns; turn++)
{
    var request = new MessageRequest { Model = model, MaxTokens = 1024, Messages = conversation, Tools = tools.Values.Select(t => t.Declaration).ToList() };
    Console.Write($"\nTurn {turn}: ");
    var reply = await StreamTurnAsync(client, request);
    var calls = reply.Content.OfType<ToolUseBlock>().ToList();
    if (reply.StopReason != StopReason.ToolUse || calls.Count == 0)
    {
        Console.WriteLine($"\nThe model finished (stop: {reply.StopReason}).");
        break;
    }

    conversation.Add(new MessageParam { Role = MessageRole.Assistant, Content = MessageContent.FromItems(reply.Content.ToArray()) });
    var results = calls.Select(call => (ContentBlock)new ToolResultBlock { ToolUseId = call.Id, Content = RunTool(call) }).ToArray();
    conversation.Add(new MessageParam { Role = MessageRole.User, Content = MessageContent.FromItems(results) });
}

Console.WriteLine("Done.");
return 0;

// Prints text as it streams and returns the whole message the events add up to.
static async Task<Message> StreamTurnAsync(MiladyCloudClient client, MessageRequest request)
{
    var accumulator = new MessageAccumulator();
    await foreach (var streamEvent in client.Messages.StreamAsync(request))
    {
        accumulator.Add(streamEvent);
        if (streamEvent is ContentBlockDeltaEvent { Delta: TextDelta text })
        {
            Console.Write(text.Text);
        }
    }

    return accumulator.ToMessage();
}

string RunTool(ToolUseBlock call)
{
    var result = tools.TryGetValue(call.Name, out var tool) ? tool.Run(call.Input) : $"unknown tool {call.Name}";
    Console.WriteLine($"\n   -> the model calls {call.Name}({call.Input.GetRawText()}) = {result}");
    return result;
}

static MessageTool Tool(string name, string description, string schema)
    => new() { Name = name, Description = description, InputSchema = JsonDocument.Parse(schema).RootElement };

static string Text(JsonElement input, string property)
    => input.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";
