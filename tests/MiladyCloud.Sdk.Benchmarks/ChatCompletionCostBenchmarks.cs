using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Where a non-streaming completion's time goes: the whole call next to its two typed JSON steps alone
/// (serializing the request, deserializing the answer), against the floor's whole call, which sends request bytes
/// prepared once and reads only the fields it needs.
/// </summary>
[MemoryDiagnoser]
public class ChatCompletionCostBenchmarks
{
    private MiladyCloudClient _ours = null!;
    private HttpClient _raw = null!;
    private ChatCompletionRequest _request = null!;
    private byte[] _floorRequest = null!;
    private byte[] _response = null!;

    /// <summary>The length of the completion's content.</summary>
    [Params(64, 64 * 1024)]
    public int ContentBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _response = Payloads.ChatCompletion(ContentBytes);
        var handler = new CannedHandler(_response, "application/json");
        _ours = Contenders.Ours(handler);
        _raw = Contenders.Raw(handler);
        _request = Requests.OursChat();
        _floorRequest = Requests.FloorChat(stream: false);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.ChatCompletionAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> OursWholeCall()
    {
        var completion = await _ours.Chat.CreateAsync(_request).ConfigureAwait(false);
        return completion.Choices[0].Message.Content?.Length ?? 0;
    }

    [Benchmark]
    public Task<int> OursSerializeRequestOnly()
        => Task.FromResult(JsonSerializer.SerializeToUtf8Bytes(_request, MiladyCloudJsonContext.Default.ChatCompletionRequest).Length);

    [Benchmark]
    public Task<int> OursDeserializeResponseOnly()
        => Task.FromResult(JsonSerializer.Deserialize(_response, MiladyCloudJsonContext.Default.ChatCompletion)!.Choices[0].Message.Content?.Length ?? 0);
}
