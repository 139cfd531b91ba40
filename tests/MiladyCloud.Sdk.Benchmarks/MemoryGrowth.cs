using System.Globalization;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Scenario 5's memory half: reads a 100,000-chunk stream and, every 10,000 chunks, forces a full collection and
/// records the live heap. A reader that keeps nothing per chunk shows the same figure at every checkpoint.
/// </summary>
internal static class MemoryGrowth
{
    private const int Checkpoint = 10_000;

    public static async Task<int> RunAsync()
    {
        var client = Contenders.Ours(new CannedHandler(() => new GeneratedChatStream(LongStreamBenchmarks.Chunks), "text/event-stream"));
        var request = Requests.OursChat();

        // Warm-up: the first stream loads types and fills pools that then stay.
        await ReadAsync(client, request, null).ConfigureAwait(false);
        var samples = new List<(int Chunk, long LiveBytes)>();
        await ReadAsync(client, request, samples).ConfigureAwait(false);

        Console.WriteLine("| chunks read | live heap after full GC (bytes) |");
        Console.WriteLine("|---:|---:|");
        foreach (var (chunk, live) in samples)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {chunk:N0} | {live:N0} |"));
        }

        var steady = samples.Skip(1).ToList();
        var growth = steady[^1].LiveBytes - steady[0].LiveBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Growth from chunk {steady[0].Chunk:N0} to {steady[^1].Chunk:N0}: {growth:N0} bytes ({(double)growth / (steady[^1].Chunk - steady[0].Chunk):F3} bytes per chunk)."));
        return growth <= 64 * 1024 ? 0 : 1;
    }

    private static async Task ReadAsync(MiladyCloudClient client, ChatCompletionRequest request, List<(int, long)>? samples)
    {
        var read = 0;
        await foreach (var chunk in client.Chat.StreamAsync(request).ConfigureAwait(false))
        {
            GC.KeepAlive(chunk);
            if (samples is not null && ++read % Checkpoint == 0)
            {
                samples.Add((read, GC.GetTotalMemory(forceFullCollection: true)));
            }
        }
    }
}
