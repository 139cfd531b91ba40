using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>Helpers for asserting on JSON by meaning rather than by formatting.</summary>
internal static class Json
{
    public static T Deserialize<T>(string json, JsonTypeInfo<T> info)
        => JsonSerializer.Deserialize(json, info) ?? throw new AssertionException("deserialized to null");

    /// <summary>Deserializes, serializes again and compares the two documents structurally.</summary>
    public static void AssertRoundTrips<T>(string json, JsonTypeInfo<T> info)
    {
        var written = JsonSerializer.Serialize(Deserialize(json, info), info);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), Is.True, $"round-trip changed the JSON:\n{json}\n→\n{written}");
    }
}
