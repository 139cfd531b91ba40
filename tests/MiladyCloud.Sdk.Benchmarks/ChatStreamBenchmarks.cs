using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAI;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>Scenario 1: a chat stream of 1,000 content chunks, every delta consumed.</summary>
[MemoryDiagnoser]
public class ChatStreamBenchmarks
{
    public const int Chunks = 1000;

    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private List<OpenAIChat.ChatMessage> _openAIMessages = null!;
    private byte[] _floorRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Payloads.ChatStream(Chunks), "text/event-stream");
        _ours = Contenders.Ours(handler);
        _openAI = Contenders.OpenAI(handler).GetChatClient(Payloads.ChatModel);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursChat();
        _openAIMessages = Requests.OpenAIChatMessages();
        _floorRequest = Requests.FloorChat(stream: true);
        Agreement.Check(nameof(ChatStreamBenchmarks), Floor(), Ours(), OursWithAccumulator(), OpenAISdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.ChatStreamAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var total = 0;
        await foreach (var chunk in _ours.Chat.StreamAsync(_request).ConfigureAwait(false))
        {
            total += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> OursWithAccumulator()
    {
        var accumulator = new ChatCompletionAccumulator();
        var total = 0;
        await foreach (var chunk in _ours.Chat.StreamAsync(_request).ConfigureAwait(false))
        {
            accumulator.Add(chunk);
            total += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return accumulator.ToCompletion().Choices[0].Message.Content!.Length == total ? total : -1;
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var total = 0;
        await foreach (var update in _openAI.CompleteChatStreamingAsync(_openAIMessages).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                total += part.Text.Length;
            }
        }

        return total;
    }
}
