using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>Keeps a body as JSON in a recording when that loses nothing, else as text.</summary>
internal static class RecordedBody
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (string? Text, JsonNode? Json) Split(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] is not ('{' or '['))
        {
            return (text, null);
        }

        try
        {
            var json = JsonNode.Parse(text);
            return json is not null && json.ToJsonString(Compact) == text ? (null, json) : (text, null);
        }
        catch (JsonException)
        {
            return (text, null);
        }
    }

    public static string? Text(string? text, JsonNode? json) => json is null ? text : json.ToJsonString(Compact);
}
