using System.Text.Json;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>One request of a live test and the server's answer (credentials masked).</summary>
internal sealed record LiveExchange(
    int Index,
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    JsonElement? Json)
{
    public static LiveExchange Read(int index, JsonElement exchange)
    {
        var request = exchange.GetProperty("request");
        var response = exchange.GetProperty("response");
        return new LiveExchange(
            index,
            request.GetProperty("method").GetString()!,
            request.GetProperty("target").GetString()!,
            Headers(request),
            LiveRecording.BodyText(request),
            response.GetProperty("status").GetInt32(),
            Headers(response),
            response.TryGetProperty("json", out var json) && json.ValueKind != JsonValueKind.Null ? json.Clone() : null);
    }

    /// <summary>The path without the query.</summary>
    public string Path => Target.Split('?')[0];

    public string? ResponseHeader(string name) => ResponseHeaders.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"#{Index} {Method} {Target} ({Status})";

    private static Dictionary<string, string> Headers(JsonElement message)
        => message.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
}
