using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Scenario 5: a 100,000-chunk chat stream read by our SDK, with and without the accumulator. Time and allocation
/// here; the growth of the live heap during the read is measured by <see cref="MemoryGrowth"/> (<c>-- growth</c>).
/// </summary>
[MemoryDiagnoser]
public class LongStreamBenchmarks
{
    public const int Chunks = 100_000;

    private MiladyCloudClient _ours = null!;
    private ChatCompletionRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ours = Contenders.Ours(new CannedHandler(() => new GeneratedChatStream(Chunks), "text/event-stream"));
        _request = Requests.OursChat();
    }

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
}
