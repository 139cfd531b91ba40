using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>Scenario 3: a non-streaming chat completion, small (about 300 B) and 64 KB.</summary>
[MemoryDiagnoser]
public class ChatCompletionBenchmarks
{
    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private List<OpenAIChat.ChatMessage> _openAIMessages = null!;
    private byte[] _floorRequest = null!;

    /// <summary>The length of the completion's content.</summary>
    [Params(64, 64 * 1024)]
    public int ContentBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Payloads.ChatCompletion(ContentBytes), "application/json");
        _ours = Contenders.Ours(handler);
        _openAI = Contenders.OpenAI(handler).GetChatClient(Payloads.ChatModel);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursChat();
        _openAIMessages = Requests.OpenAIChatMessages();
        _floorRequest = Requests.FloorChat(stream: false);
        Agreement.Check(nameof(ChatCompletionBenchmarks), Floor(), Ours(), OpenAISdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.ChatCompletionAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var completion = await _ours.Chat.CreateAsync(_request).ConfigureAwait(false);
        return completion.Choices[0].Message.Content?.Length ?? 0;
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var completion = await _openAI.CompleteChatAsync(_openAIMessages).ConfigureAwait(false);
        return completion.Value.Content[0].Text.Length;
    }
}
