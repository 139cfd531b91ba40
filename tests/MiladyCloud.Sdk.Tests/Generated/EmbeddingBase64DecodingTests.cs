using System.Runtime.InteropServices;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>Base64 vectors are decoded straight from the JSON bytes; escaped and invalid strings take the careful path.</summary>
public class EmbeddingBase64DecodingTests
{
    private static readonly float[] Floats = [0.25f, -1.5f, 3.0e-7f, float.MaxValue, -0.0f, 42f];

    [Test]
    public void A_plain_base64_vector_and_the_same_vector_with_escaped_characters_give_the_same_floats()
    {
        var base64 = Convert.ToBase64String(MemoryMarshal.AsBytes(Floats.AsSpan()));
        var escaped = string.Concat(base64.Select(c => c == '/' || c == '+' ? $"\\u{(int)c:x4}" : c.ToString()));
        Assume.That(escaped, Is.Not.EqualTo(base64), "the vector must contain a character to escape");

        Assert.That(Read(base64).Span.ToArray(), Is.EqualTo(Floats));
        Assert.That(Read(escaped).Span.ToArray(), Is.EqualTo(Floats));
        Assert.That(Read(base64).WasBase64, Is.True);
    }

    [Test]
    public void Invalid_base64_is_a_JsonException()
        => Assert.Throws<JsonException>(() => Read("AAAA*AAA"));

    private static EmbeddingVector Read(string encoded)
        => JsonSerializer.Deserialize($$"""{"object":"embedding","embedding":"{{encoded}}","index":0}""", MiladyCloudJsonContext.Default.EmbeddingResponse.Options.GetTypeInfo(typeof(EmbeddingData)) is System.Text.Json.Serialization.Metadata.JsonTypeInfo<EmbeddingData> info ? info : throw new InvalidOperationException())!.Embedding;
}
