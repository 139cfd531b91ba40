using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Embeddings;

public class EmbeddingsClientTests
{
    [Test]
    public async Task CreateAsync_posts_model_and_input_and_maps_vectors_and_usage()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/embeddings").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""
            {"object":"list","data":[{"object":"embedding","embedding":[0.0023,-0.0145,0.0312],"index":0}],"model":"openai/text-embedding-3-small","usage":{"prompt_tokens":10,"total_tokens":10}}
            """));

        var response = await api.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "openai/text-embedding-3-small", Input = "hello" });

        Assert.That(response.Data[0].Embedding.Span.ToArray(), Is.EqualTo(new[] { 0.0023f, -0.0145f, 0.0312f }));
        Assert.That(response.Usage!.TotalTokens, Is.EqualTo(10));
        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"input":"hello","model":"openai/text-embedding-3-small"}"""));
    }

    [Test]
    public async Task Batching_splits_requests_and_returns_vectors_in_input_order()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var inputs = Enumerable.Range(0, 250).Select(i => $"text {i}").ToList();

        var vectors = await client.Embeddings.CreateBatchedAsync("m", inputs, batchSize: 100);

        var sizes = fake.Requests.Select(r => r.Json!.Value.GetProperty("input").GetArrayLength());
        Assert.That(sizes, Is.EqualTo(new[] { 100, 100, 50 }));
        var single = await client.Embeddings.CreateAsync("m", "text 137");
        Assert.That(vectors[137].ToArray(), Is.EqualTo(single.ToArray()));
    }

    [Test]
    public void A_response_missing_a_vector_is_a_format_error()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("""{"object":"list","data":[{"object":"embedding","embedding":[1],"index":1}],"model":"m"}"""));

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => api.Client.Embeddings.CreateBatchedAsync("m", ["a", "b"]));
    }

    [Test]
    public void Empty_inputs_and_a_missing_model_are_refused_before_sending()
    {
        using var api = new FakeApi();

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.CreateAsync("", "x"));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.CreateAsync("m", "  "));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.CreateBatchedAsync("m", ["ok", ""]));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.CreateBatchedAsync("m", []));
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.Client.Embeddings.CreateBatchedAsync("m", ["a"], batchSize: 0));
        });
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Cosine_similarity_matches_the_definition_on_odd_lengths()
    {
        var x = Enumerable.Range(1, 37).Select(i => (float)Math.Sin(i)).ToArray();
        var y = Enumerable.Range(1, 37).Select(i => (float)Math.Cos(i)).ToArray();
        var expected = x.Zip(y).Sum(p => (double)p.First * p.Second) / (Math.Sqrt(x.Sum(v => (double)v * v)) * Math.Sqrt(y.Sum(v => (double)v * v)));

        Assert.That(EmbeddingMath.CosineSimilarity(x, y), Is.EqualTo(expected).Within(1e-5));
        Assert.That(EmbeddingMath.CosineSimilarity(x, x), Is.EqualTo(1f).Within(1e-5));
        Assert.Throws<ArgumentException>(() => EmbeddingMath.CosineSimilarity(x, y.AsSpan(1)));
    }
}
