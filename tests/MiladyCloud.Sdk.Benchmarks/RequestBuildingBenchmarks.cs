using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Scenario 6: building and serializing a 50-message conversation with tool calls and three tools, then sending it
/// (the in-memory transport drains the body, so serialization is paid in full) and reading a small answer.
/// </summary>
[MemoryDiagnoser]
public class RequestBuildingBenchmarks
{
    public const int Messages = 50;

    private const string Schema = """{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":14}},"required":["city"],"additionalProperties":false}""";

    private static readonly string[] ToolNames = ["get_weather", "get_forecast", "get_air_quality"];

    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private JsonElement _schemaElement;
    private BinaryData _schemaData = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Payloads.ChatCompletion(64), "application/json");
        var streamHandler = new CannedHandler(Payloads.ChatStream(1), "text/event-stream");
        _ours = Contenders.Ours(handler);
        _oursStreaming = Contenders.Ours(streamHandler);
        _openAI = Contenders.OpenAI(handler).GetChatClient(Payloads.ChatModel);
        _raw = Contenders.Raw(handler);
        _schemaElement = JsonDocument.Parse(Schema).RootElement.Clone();
        _schemaData = BinaryData.FromString(Schema);
        Agreement.Check(nameof(RequestBuildingBenchmarks), Floor(), Ours(), OpenAISdk());
    }

    private MiladyCloudClient _oursStreaming = null!;

    private static string Text(int i) => $"Message {i}: what will the weather be like in Paris, Lyon and Marseille over the next few days? Please answer in detail, with \"quotes\" and a newline\n at the end.";

    private static string Arguments(int i) => $"{{\"city\":\"Paris\",\"days\":{(i % 14) + 1}}}";

    [Benchmark(Baseline = true)]
    public async Task<int> Floor()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, Payloads.ChatModel);
            writer.WriteStartArray("messages"u8);
            writer.WriteStartObject();
            writer.WriteString("role"u8, "system"u8);
            writer.WriteString("content"u8, "You are a weather assistant.");
            writer.WriteEndObject();
            for (var i = 1; i < Messages; i++)
            {
                writer.WriteStartObject();
                if (i % 10 == 4)
                {
                    writer.WriteString("role"u8, "assistant"u8);
                    writer.WriteStartArray("tool_calls"u8);
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, "call_" + i);
                    writer.WriteString("type"u8, "function"u8);
                    writer.WriteStartObject("function"u8);
                    writer.WriteString("name"u8, ToolNames[i % 3]);
                    writer.WriteString("arguments"u8, Arguments(i));
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }
                else if (i % 10 == 5)
                {
                    writer.WriteString("role"u8, "tool"u8);
                    writer.WriteString("tool_call_id"u8, "call_" + (i - 1));
                    writer.WriteString("content"u8, "{\"temperature\":21,\"sky\":\"clear\"}");
                }
                else
                {
                    writer.WriteString("role"u8, i % 2 == 1 ? "user"u8 : "assistant"u8);
                    writer.WriteString("content"u8, Text(i));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("tools"u8);
            foreach (var name in ToolNames)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, name);
                writer.WriteString("description"u8, "Weather data for a city.");
                writer.WritePropertyName("parameters"u8);
                _schemaElement.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return await Infrastructure.Floor.ChatCompletionAsync(_raw, buffer.WrittenSpan.ToArray()).ConfigureAwait(false);
    }

    [Benchmark]
    public async Task<int> Ours()
    {
        var completion = await _ours.Chat.CreateAsync(OursRequest()).ConfigureAwait(false);
        return completion.Choices[0].Message.Content?.Length ?? 0;
    }

    [Benchmark]
    public async Task<int> OursStreamingRequest()
    {
        var total = 0;
        await foreach (var chunk in _oursStreaming.Chat.StreamAsync(OursRequest()).ConfigureAwait(false))
        {
            total += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var messages = new List<OpenAIChat.ChatMessage>(Messages) { OpenAIChat.ChatMessage.CreateSystemMessage("You are a weather assistant.") };
        for (var i = 1; i < Messages; i++)
        {
            messages.Add(
                i % 10 == 4 ? OpenAIChat.ChatMessage.CreateAssistantMessage([OpenAIChat.ChatToolCall.CreateFunctionToolCall("call_" + i, ToolNames[i % 3], BinaryData.FromString(Arguments(i)))])
                : i % 10 == 5 ? OpenAIChat.ChatMessage.CreateToolMessage("call_" + (i - 1), "{\"temperature\":21,\"sky\":\"clear\"}")
                : i % 2 == 1 ? OpenAIChat.ChatMessage.CreateUserMessage(Text(i))
                : OpenAIChat.ChatMessage.CreateAssistantMessage(Text(i)));
        }

        var options = new OpenAIChat.ChatCompletionOptions();
        foreach (var name in ToolNames)
        {
            options.Tools.Add(OpenAIChat.ChatTool.CreateFunctionTool(name, "Weather data for a city.", _schemaData));
        }

        var completion = await _openAI.CompleteChatAsync(messages, options).ConfigureAwait(false);
        return completion.Value.Content[0].Text.Length;
    }

    private ChatCompletionRequest OursRequest()
    {
        var messages = new List<ChatMessage>(Messages) { new() { Role = ChatRole.System, Content = "You are a weather assistant." } };
        for (var i = 1; i < Messages; i++)
        {
            messages.Add(
                i % 10 == 4 ? new ChatMessage
                {
                    Role = ChatRole.Assistant,
                    Content = string.Empty,
                    ToolCalls = [new ChatToolCall { Id = "call_" + i, Type = "function", Function = new ChatFunctionCall { Name = ToolNames[i % 3], Arguments = Arguments(i) } }],
                }
                : i % 10 == 5 ? new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_" + (i - 1), Content = "{\"temperature\":21,\"sky\":\"clear\"}" }
                : new ChatMessage { Role = i % 2 == 1 ? ChatRole.User : ChatRole.Assistant, Content = Text(i) });
        }

        return new ChatCompletionRequest
        {
            Model = Payloads.ChatModel,
            Messages = messages,
            Tools = ToolNames.Select(name => new ChatTool
            {
                Type = "function",
                Function = new ChatFunctionDefinition { Name = name, Description = "Weather data for a city.", Parameters = _schemaElement },
            }).ToList(),
        };
    }
}
