using Anthropic.Models.Messages;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>Scenario 2: a messages stream of 1,000 text deltas and a tool_use block of 200 input JSON deltas.</summary>
[MemoryDiagnoser]
public class MessagesStreamBenchmarks
{
    public const int TextDeltas = 1000;
    public const int JsonDeltas = 200;

    private MiladyCloudClient _ours = null!;
    private Anthropic.AnthropicClient _anthropic = null!;
    private HttpClient _raw = null!;
    private MessageRequest _request = null!;
    private MessageCreateParams _anthropicRequest = null!;
    private byte[] _floorRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Payloads.MessagesStream(TextDeltas, JsonDeltas), "text/event-stream");
        _ours = Contenders.Ours(handler);
        _anthropic = Contenders.Anthropic(handler);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursMessages();
        _anthropicRequest = Requests.AnthropicMessages();
        _floorRequest = Requests.FloorMessages();
        Agreement.Check(nameof(MessagesStreamBenchmarks), Floor(), Ours(), OursWithAccumulator(), AnthropicSdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.MessagesStreamAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var total = 0;
        await foreach (var streamEvent in _ours.Messages.StreamAsync(_request).ConfigureAwait(false))
        {
            total += Length(streamEvent);
        }

        return total;
    }

    [Benchmark]
    public async Task<int> OursWithAccumulator()
    {
        var accumulator = new MessageAccumulator();
        var total = 0;
        await foreach (var streamEvent in _ours.Messages.StreamAsync(_request).ConfigureAwait(false))
        {
            accumulator.Add(streamEvent);
            total += Length(streamEvent);
        }

        return accumulator.ToMessage().Content.Count == 2 ? total : -1;
    }

    [Benchmark]
    public async Task<int> AnthropicSdk()
    {
        var total = 0;
        await foreach (var streamEvent in _anthropic.Messages.CreateStreaming(_anthropicRequest).ConfigureAwait(false))
        {
            if (streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                if (blockDelta.Delta.TryPickText(out var text))
                {
                    total += text.Text.Length;
                }
                else if (blockDelta.Delta.TryPickInputJson(out var json))
                {
                    total += json.PartialJson.Length;
                }
            }
        }

        return total;
    }

    private static int Length(Models.MessageStreamEvent streamEvent) => streamEvent switch
    {
        ContentBlockDeltaEvent { Delta: Models.TextDelta text } => text.Text.Length,
        ContentBlockDeltaEvent { Delta: Models.InputJsonDelta json } => json.PartialJson.Length,
        _ => 0,
    };
}
