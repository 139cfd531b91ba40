using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>Serializes a request with <c>"stream": true</c> without touching the caller's object (it may be shared).</summary>
internal static class StreamingBody
{
    public static void Apply<T>(HttpRequestMessage request, T body, JsonTypeInfo<T> info)
    {
        var node = JsonSerializer.SerializeToNode(body, info)!.AsObject();
        node["stream"] = true;
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(node, JsonNodeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Content = content;
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
    }

    private static JsonTypeInfo<JsonNode> JsonNodeInfo => (JsonTypeInfo<JsonNode>)Models.MiladyCloudJsonContext.Default.Options.GetTypeInfo(typeof(JsonNode));
}
