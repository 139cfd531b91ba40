using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Scenario 1 on realistic traffic: a chat stream of 1,000 events per corpus family (see <see cref="Corpus"/>), every
/// piece of text and every tool-call argument piece consumed, the same bytes for every contender.
/// </summary>
[MemoryDiagnoser]
public class ChatStreamFamilyBenchmarks
{
    public const int Events = 1000;

    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private List<OpenAIChat.ChatMessage> _openAIMessages = null!;
    private byte[] _floorRequest = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "Plain";

    public static IEnumerable<string> Families => Corpus.ChatStreamFamilies;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Corpus.ChatStream(Family, Events), "text/event-stream");
        _ours = Contenders.Ours(handler);
        _openAI = Contenders.OpenAI(handler).GetChatClient(Corpus.ChatModel);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursChat();
        _openAIMessages = Requests.OpenAIChatMessages();
        _floorRequest = Requests.FloorChat(stream: true);
        Agreement.Check(nameof(ChatStreamFamilyBenchmarks) + " " + Family, Floor(), Ours(), OpenAISdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => FamilyFloor.ChatStreamAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var total = 0;
        await foreach (var chunk in _ours.Chat.StreamAsync(_request).ConfigureAwait(false))
        {
            if (chunk.Choices.Count == 0)
            {
                continue;
            }

            var delta = chunk.Choices[0].Delta;
            total += delta.Content?.Length ?? 0;
            if (delta.ToolCalls is { Count: > 0 } calls)
            {
                total += calls[0].Function?.Arguments?.Length ?? 0;
            }
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

            foreach (var call in update.ToolCallUpdates)
            {
                // ASCII arguments: bytes and characters agree, and no string is built that ours does not build either.
                total += call.FunctionArgumentsUpdate?.ToMemory().Length ?? 0;
            }
        }

        return total;
    }
}
