using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>Serializes a request with <c>"stream": true</c> without touching the caller's object (it may be shared).</summary>
internal static class StreamingBody
{
    private static readonly byte[] StreamMember = ",\"stream\":true}"u8.ToArray();

    /// <summary>
    /// Appends the member to the serialized object in place (one serialization); only a body that already names
    /// <c>stream</c> goes through a JSON node, so the member is replaced rather than duplicated.
    /// </summary>
    public static byte[] Serialize<T>(T body, JsonTypeInfo<T> info)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, info);
        if (HasTopLevelStream(json))
        {
            var node = JsonSerializer.SerializeToNode(body, info)!.AsObject();
            node["stream"] = true;
            return JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeInfo);
        }

        var isEmpty = json.Length == 2;
        var result = new byte[json.Length - 1 + StreamMember.Length - (isEmpty ? 1 : 0)];
        json.AsSpan(0, json.Length - 1).CopyTo(result);
        StreamMember.AsSpan(isEmpty ? 1 : 0).CopyTo(result.AsSpan(json.Length - 1));
        return result;
    }

    private static bool HasTopLevelStream(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("stream"u8))
            {
                return true;
            }

            if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return false;
    }

    private static JsonTypeInfo<JsonNode> JsonNodeInfo => (JsonTypeInfo<JsonNode>)Models.MiladyCloudJsonContext.Default.Options.GetTypeInfo(typeof(JsonNode));
}
