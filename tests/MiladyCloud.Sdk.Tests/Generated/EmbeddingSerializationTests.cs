using System.Runtime.InteropServices;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

public class EmbeddingSerializationTests
{
    [Test]
    public void Float_arrays_are_read_into_vectors()
    {
        const string json = """{"object":"list","data":[{"object":"embedding","embedding":[0.0023,-0.0145,0.0312],"index":0}],"model":"openai/text-embedding-3-small","usage":{"prompt_tokens":10,"total_tokens":10}}""";

        var response = Json.Deserialize(json, MiladyCloudJsonContext.Default.EmbeddingResponse);

        Assert.That(response.Data[0].Embedding.Span.ToArray(), Is.EqualTo(new[] { 0.0023f, -0.0145f, 0.0312f }));
        Assert.That(response.Usage!.PromptTokens, Is.EqualTo(10));
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.EmbeddingResponse);
    }

    [Test]
    public void Base64_vectors_decode_to_the_same_floats_and_are_written_back_as_base64()
    {
        var floats = new[] { 1.5f, -2.25f, 3.0e-5f };
        var base64 = Convert.ToBase64String(MemoryMarshal.AsBytes(floats.AsSpan()));
        var json = $$"""{"object":"list","data":[{"object":"embedding","embedding":"{{base64}}","index":0}],"model":"m"}""";

        var response = Json.Deserialize(json, MiladyCloudJsonContext.Default.EmbeddingResponse);

        Assert.That(response.Data[0].Embedding.ToArray(), Is.EqualTo(floats));
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.EmbeddingResponse);
    }

    [Test]
    public void A_base64_string_of_the_wrong_length_is_a_JsonException()
    {
        const string json = """{"object":"list","data":[{"object":"embedding","embedding":"AAAAAAA=","index":0}],"model":"m"}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, MiladyCloudJsonContext.Default.EmbeddingResponse));
    }

    [Test]
    public void Input_is_written_as_a_string_or_a_list()
    {
        var one = new EmbeddingRequest { Model = "m", Input = "hello" };
        var many = new EmbeddingRequest { Model = "m", Input = EmbeddingInput.FromItems("a", "b") };

        Assert.That(JsonSerializer.Serialize(one, MiladyCloudJsonContext.Default.EmbeddingRequest), Is.EqualTo("""{"input":"hello","model":"m"}"""));
        Assert.That(JsonSerializer.Serialize(many, MiladyCloudJsonContext.Default.EmbeddingRequest), Is.EqualTo("""{"input":["a","b"],"model":"m"}"""));
    }
}
