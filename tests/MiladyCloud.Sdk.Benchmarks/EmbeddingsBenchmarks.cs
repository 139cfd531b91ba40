using BenchmarkDotNet.Attributes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Models;
using OpenAI.Embeddings;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>Scenario 4: an embeddings response of 100 vectors of 1,536 floats, as a JSON array and as base64.</summary>
[MemoryDiagnoser]
public class EmbeddingsBenchmarks
{
    public const int Count = 100;
    public const int Dimensions = 1536;
    private const string Model = "openai/text-embedding-3-small";

    private MiladyCloudClient _ours = null!;
    private EmbeddingClient _openAI = null!;
    private HttpClient _raw = null!;
    private string[] _inputs = null!;
    private byte[] _floorRequest = null!;

    /// <summary>The response's encoding of the vectors.</summary>
    [Params("float", "base64")]
    public string Encoding { get; set; } = "float";

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedHandler(Payloads.Embeddings(Count, Dimensions, base64: Encoding == "base64"), "application/json");
        _ours = Contenders.Ours(handler);
        _openAI = Contenders.OpenAI(handler).GetEmbeddingClient(Model);
        _raw = Contenders.Raw(handler);
        _inputs = Enumerable.Range(0, Count).Select(i => "Sentence number " + i + " to embed.").ToArray();
        _floorRequest = System.Text.Encoding.UTF8.GetBytes("{\"model\":\"" + Model + "\",\"input\":[" + string.Join(",", _inputs.Select(i => "\"" + i + "\"")) + "],\"encoding_format\":\"" + Encoding + "\"}");
        Agreement.Check(nameof(EmbeddingsBenchmarks), Floor(), Ours(), OpenAISdk());
    }

    [Benchmark(Baseline = true)]
    public Task<int> Floor() => Infrastructure.Floor.EmbeddingsAsync(_raw, _floorRequest);

    [Benchmark]
    public async Task<int> Ours()
    {
        var response = await _ours.Embeddings.CreateAsync(new EmbeddingRequest
        {
            Model = Model,
            Input = EmbeddingInput.FromItems(_inputs),
            EncodingFormat = Encoding == "base64" ? EmbeddingEncodingFormat.Base64 : EmbeddingEncodingFormat.Float,
        }).ConfigureAwait(false);
        var total = 0;
        foreach (var item in response.Data)
        {
            total += item.Embedding.Length;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> OpenAISdk()
    {
        var response = await _openAI.GenerateEmbeddingsAsync(_inputs).ConfigureAwait(false);
        var total = 0;
        foreach (var item in response.Value)
        {
            total += item.ToFloats().Length;
        }

        return total;
    }
}
