using Anthropic.Models.Messages;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>Scenario 2 on realistic traffic: a messages stream per corpus family (see <see cref="Corpus"/>), every delta consumed.</summary>
[MemoryDiagnoser]
public class MessagesStreamFamilyBenchmarks
{
    private MiladyCloudClient _ours = null!;
    private Anthropic.AnthropicClient _anthropic = null!;
    private HttpClient _raw = null!;
    private MessageRequest _request = null!;
    private MessageCreateParams _anthropicRequest = null!;
    private byte[] _floorRequest = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "Plain";

    public static IEnumerable<string> Families => Corpus.MessagesStreamFamilies;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Corpus.MessagesStream(Family), "text/event-stream");
        _ours = Contenders.Ours(handler);
        _anthropic = Contenders.Anthropic(handler);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursMessages();
        _anthropicRequest = Requests.AnthropicMessages();
        _floorRequest = Requests.FloorMessages();
        Agreement.Check(nameof(MessagesStreamFamilyBenchmarks) + " " + Family, Floor(), Ours(), AnthropicSdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.MessagesStreamAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var total = 0;
        await foreach (var streamEvent in _ours.Messages.StreamAsync(_request).ConfigureAwait(false))
        {
            total += streamEvent switch
            {
                ContentBlockDeltaEvent { Delta: Models.TextDelta text } => text.Text.Length,
                ContentBlockDeltaEvent { Delta: Models.InputJsonDelta json } => json.PartialJson.Length,
                _ => 0,
            };
        }

        return total;
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
}
