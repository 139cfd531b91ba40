using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Internal.Json;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Where a realistic chunk's time and bytes go: the chat decoders alone on each corpus family's events (no HTTP, SSE
/// framing or enumeration), and the non-streaming answer's deserialization alone. GeneralPath = the generated serializer.
/// </summary>
[MemoryDiagnoser]
public class DecoderFamilyBenchmarks
{
    private byte[][] _chat = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "Plain";

    public static IEnumerable<string> Families => Corpus.ChatStreamFamilies;

    [GlobalSetup]
    public void Setup()
    {
        _chat = Corpus.ChatStreamEvents(Family).Select(Encoding.UTF8.GetBytes).ToArray();
        Agreement.Check(nameof(DecoderFamilyBenchmarks) + " " + Family, Floor(), Ours(), GeneralPath());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor()
    {
        var total = 0;
        foreach (var data in _chat)
        {
            total += FamilyFloor.ChatPiece(data)?.Length ?? 0;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> Ours()
    {
        var decoder = new ChatChunkDecoder(null);
        var total = 0;
        foreach (var data in _chat)
        {
            total += Length(decoder.Decode("message", data).Value!);
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> GeneralPath()
    {
        var total = 0;
        foreach (var data in _chat)
        {
            total += Length(JsonSerializer.Deserialize(data, MiladyCloudJsonContext.Default.ChatCompletionChunk)!);
        }

        return Task.FromResult(total);
    }

    private static int Length(ChatCompletionChunk chunk)
    {
        if (chunk.Choices.Count == 0)
        {
            return 0;
        }

        var delta = chunk.Choices[0].Delta;
        return (delta.Content?.Length ?? 0) + (delta.ToolCalls is { Count: > 0 } calls ? calls[0].Function?.Arguments?.Length ?? 0 : 0);
    }
}

/// <summary>The non-streaming answer's deserialization alone, per family: floor, hand-written reader, generated serializer.</summary>
[MemoryDiagnoser]
public class CompletionDecoderFamilyBenchmarks
{
    private byte[] _json = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "SmallCompact";

    public static IEnumerable<string> Families => Corpus.CompletionFamilies;

    [GlobalSetup]
    public void Setup()
    {
        _json = Encoding.UTF8.GetBytes(Corpus.Completion(Family));
        Agreement.Check(nameof(CompletionDecoderFamilyBenchmarks) + " " + Family, Floor(), Ours(), GeneralPath());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Task.FromResult(FamilyFloor.Completion(_json));

    [Benchmark]
    public Task<int> Ours() => Task.FromResult(ChatCompletionReader.TryRead(_json, out var completion) ? Length(completion!) : -1);

    [Benchmark]
    public Task<int> GeneralPath() => Task.FromResult(Length(JsonSerializer.Deserialize(_json, MiladyCloudJsonContext.Default.ChatCompletion)!));

    private static int Length(ChatCompletion completion)
    {
        var message = completion.Choices[0].Message;
        return (message.Content?.Length ?? 0) + (message.ToolCalls?.Sum(c => c.Function.Arguments.Length) ?? 0);
    }
}
