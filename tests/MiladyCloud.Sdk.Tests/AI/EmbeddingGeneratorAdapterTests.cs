using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary><c>client.Embeddings.AsEmbeddingGenerator()</c>.</summary>
public class EmbeddingGeneratorAdapterTests
{
    private const string Response2 = """
        {"object":"list","model":"openai/text-embedding-3-small",
         "data":[{"object":"embedding","index":1,"embedding":[0.5,0.25]},{"object":"embedding","index":0,"embedding":[1.0,-1.0]}],
         "usage":{"prompt_tokens":6,"total_tokens":6}}
        """;

    [Test]
    public async Task GenerateAsync_sends_all_values_in_one_request_and_returns_vectors_in_input_order()
    {
        using var api = new FakeApi();
        Answer(api, Response2);
        var generator = api.Client.Embeddings.AsEmbeddingGenerator("openai/text-embedding-3-small");

        var embeddings = await generator.GenerateAsync(["first", "second"]);

        Assert.That(embeddings, Has.Count.EqualTo(2));
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo(new[] { 1.0f, -1.0f }));
        Assert.That(embeddings[1].Vector.ToArray(), Is.EqualTo(new[] { 0.5f, 0.25f }));
        Assert.That(embeddings[0].ModelId, Is.EqualTo("openai/text-embedding-3-small"));
        Assert.That(embeddings.Usage!.InputTokenCount, Is.EqualTo(6));
        Assert.That(embeddings.Usage.TotalTokenCount, Is.EqualTo(6));
        Assert.That(api.SingleRequest().RequestMessage!.Body,
            Is.EqualTo("""{"input":["first","second"],"model":"openai/text-embedding-3-small"}"""));
    }

    [Test]
    public async Task CreatedAt_comes_from_the_clients_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        using var api = new FakeApi(o => o.TimeProvider = clock);
        Answer(api, Response2);

        var embeddings = await api.Client.Embeddings.AsEmbeddingGenerator("m").GenerateAsync(["first", "second"]);

        Assert.That(embeddings.Select(e => e.CreatedAt), Is.All.EqualTo(clock.GetUtcNow()));
    }

    [Test]
    public async Task Options_override_the_defaults()
    {
        using var api = new FakeApi();
        Answer(api, Response2);
        var generator = api.Client.Embeddings.AsEmbeddingGenerator("default-model");

        await generator.GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { ModelId = "other-model" });

        var body = JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement;
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("other-model"));
        Assert.That(body.TryGetProperty("dimensions", out _), Is.False);
    }

    [Test]
    public async Task The_abstractions_single_value_helper_works()
    {
        using var fake = MiladyCloud.Sdk.Testing.MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var generator = client.Embeddings.AsEmbeddingGenerator("openai/text-embedding-3-small");

        var vector = await generator.GenerateVectorAsync("hello world");

        Assert.That(vector.Length, Is.EqualTo(fake.Replies.EmbeddingDimensions));
    }

    [Test]
    public async Task No_values_means_no_request()
    {
        using var api = new FakeApi();
        var embeddings = await api.Client.Embeddings.AsEmbeddingGenerator("m").GenerateAsync([]);

        Assert.That(embeddings, Is.Empty);
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_response_with_the_wrong_number_of_vectors_is_a_format_error()
    {
        using var api = new FakeApi();
        Answer(api, Response2);

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => api.Client.Embeddings.AsEmbeddingGenerator("m").GenerateAsync(["only one"]));
    }

    [Test]
    public void Bad_defaults_fail_at_once()
    {
        using var api = new FakeApi();

        Assert.Throws<ArgumentException>(() => api.Client.Embeddings.AsEmbeddingGenerator(" "));
        Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.AsEmbeddingGenerator().GenerateAsync(["x"]));
    }

    [Test]
    public void Dimensions_are_refused_before_sending_because_the_service_ignores_them()
    {
        using var api = new FakeApi();
        var generator = api.Client.Embeddings.AsEmbeddingGenerator("openai/text-embedding-3-small");

        var error = Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], new Microsoft.Extensions.AI.EmbeddingGenerationOptions { Dimensions = 256 }));
        var raw = Assert.ThrowsAsync<ArgumentException>(() => api.Client.Embeddings.CreateAsync(new MiladyCloud.Sdk.Models.EmbeddingRequest
        {
            Model = "openai/text-embedding-3-small",
            Input = "x",
            Dimensions = 256,
        }));

        Assert.That(error!.Message, Does.Contain("ignores"));
        Assert.That(raw!.Message, Does.Contain("ignores"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    private static void Answer(FakeApi api, string body)
        => api.Server.Given(Request.Create().WithPath("/api/v1/embeddings").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));
}
