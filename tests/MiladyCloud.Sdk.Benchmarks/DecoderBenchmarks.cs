using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Where a stream's time goes: the per-event decoders alone, on the data of 1,000 chat chunks and 1,000 text
/// deltas, without HTTP, SSE framing or enumeration. Floor = the floor's item parser; GeneralPath = the generated
/// serializer (what the decoders did before the hand-written readers).
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private byte[][] _chat = null!;
    private byte[][] _messages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chat = Enumerable.Range(0, ChatStreamBenchmarks.Chunks).Select(i => Encoding.UTF8.GetBytes(Payloads.ChatChunk(i))).ToArray();
        _messages = Enumerable.Range(0, ChatStreamBenchmarks.Chunks)
            .Select(i => Encoding.UTF8.GetBytes("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + Payloads.Fragment(i) + "\"}}"))
            .ToArray();
        Agreement.Check(nameof(DecoderBenchmarks), FloorChat(), OursChat(), GeneralPathChat());
        Agreement.Check(nameof(DecoderBenchmarks), FloorMessages(), OursMessages(), GeneralPathMessages());
    }

    [Benchmark(Baseline = true)]
    public Task<int> FloorChat()
    {
        var total = 0;
        foreach (var data in _chat)
        {
            total += Floor.ChatDelta(data)?.Length ?? 0;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> OursChat()
    {
        var decoder = new ChatChunkDecoder(null);
        var total = 0;
        foreach (var data in _chat)
        {
            total += decoder.Decode("message", data).Value!.Choices[0].Delta.Content!.Length;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> GeneralPathChat()
    {
        var total = 0;
        foreach (var data in _chat)
        {
            total += JsonSerializer.Deserialize(data, MiladyCloudJsonContext.Default.ChatCompletionChunk)!.Choices[0].Delta.Content!.Length;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> FloorMessages()
    {
        var total = 0;
        foreach (var data in _messages)
        {
            total += Floor.BlockDelta(data)?.Length ?? 0;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> OursMessages()
    {
        var decoder = new MessageEventDecoder(null);
        var total = 0;
        foreach (var data in _messages)
        {
            total += ((TextDelta)((ContentBlockDeltaEvent)decoder.Decode("content_block_delta", data).Value!).Delta).Text.Length;
        }

        return Task.FromResult(total);
    }

    [Benchmark]
    public Task<int> GeneralPathMessages()
    {
        var total = 0;
        foreach (var data in _messages)
        {
            total += ((TextDelta)((ContentBlockDeltaEvent)JsonSerializer.Deserialize(data, MiladyCloudJsonContext.Default.MessageStreamEvent)!).Delta).Text.Length;
        }

        return Task.FromResult(total);
    }
}
