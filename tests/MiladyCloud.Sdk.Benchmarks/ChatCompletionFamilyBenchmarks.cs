using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Scenario 3 on realistic traffic: a non-streaming chat answer per corpus family (small or ~3 KB with two tool
/// calls, compact or pretty-printed, with or without OpenAI's extra members); content and tool calls consumed.
/// </summary>
[MemoryDiagnoser]
public class ChatCompletionFamilyBenchmarks
{
    private MiladyCloudClient _ours = null!;
    private OpenAIChat.ChatClient _openAI = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private List<OpenAIChat.ChatMessage> _openAIMessages = null!;
    private byte[] _floorRequest = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "SmallCompact";

    public static IEnumerable<string> Families => Corpus.CompletionFamilies;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Encoding.UTF8.GetBytes(Corpus.Completion(Family)), "application/json");
        _ours = Contenders.Ours(handler);
        _openAI = Contenders.OpenAI(handler).GetChatClient(Corpus.ChatModel);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursChat();
        _openAIMessages = Requests.OpenAIChatMessages();
        _floorRequest = Requests.FloorChat(stream: false);
        Agreement.Check(nameof(ChatCompletionFamilyBenchmarks) + " " + Family, Floor(), Ours(), OpenAISdk());
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Floor()
    {
        using var request = Infrastructure.Floor.Post("chat/completions", _floorRequest, stream: false);
        using var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                var length = 0;
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return FamilyFloor.Completion(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    [Benchmark]
    public async Task<int> Ours()
    {
        var completion = await _ours.Chat.CreateAsync(_request).ConfigureAwait(false);
        var message = completion.Choices[0].Message;
        var total = message.Content?.Length ?? 0;
        foreach (var call in message.ToolCalls ?? [])
        {
            total += call.Function.Arguments.Length;
        }

        return completion.Usage is null ? -1 : total;
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var completion = (await _openAI.CompleteChatAsync(_openAIMessages).ConfigureAwait(false)).Value;
        var total = completion.Content.Count > 0 ? completion.Content[0].Text.Length : 0;
        foreach (var call in completion.ToolCalls)
        {
            total += call.FunctionArguments.ToString().Length;
        }

        return completion.Usage is null ? -1 : total;
    }
}
