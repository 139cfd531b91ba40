using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>The end-to-end pair: scenario 1's stream over a real loopback socket, ours against the OpenAI SDK (and the floor).</summary>
[MemoryDiagnoser]
public class LoopbackChatStreamBenchmarks
{
    private LoopbackServer _server = null!;
    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private List<OpenAIChat.ChatMessage> _openAIMessages = null!;
    private byte[] _floorRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new LoopbackServer(Payloads.ChatStream(ChatStreamBenchmarks.Chunks), "text/event-stream");
        _ours = Contenders.Ours(new SocketsHttpHandler(), _server.BaseUrl);
        _openAI = Contenders.OpenAI(new SocketsHttpHandler(), _server.BaseUrl).GetChatClient(Payloads.ChatModel);
        _raw = Contenders.Raw(new SocketsHttpHandler(), _server.BaseUrl);
        _request = Requests.OursChat();
        _openAIMessages = Requests.OpenAIChatMessages();
        _floorRequest = Requests.FloorChat(stream: true);
        Agreement.Check(nameof(LoopbackChatStreamBenchmarks), Floor(), Ours(), OpenAISdk());
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

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
