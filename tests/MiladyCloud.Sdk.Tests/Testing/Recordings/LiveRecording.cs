using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>One file of <c>tests/recordings</c>: the exchanges of one live test with the real server, in order.</summary>
internal sealed record LiveRecording(string Name, DateTimeOffset RecordedAt, IReadOnlyList<LiveExchange> Exchanges)
{
    /// <summary>Stands in for the live API key in every recording (the live suite's placeholder).</summary>
    public const string PlaceholderApiKey = "eliza_5eed0000000000000000000000000000000000000000000000000000000000a1";

    /// <summary>Stands in for the live session token in every recording.</summary>
    public const string PlaceholderSessionToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFjZWhvbGRlciJ9.cGxhY2Vob2xkZXI";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Directory { get; } = Path.Combine(Packaging.DotnetCli.RepositoryRoot(), "tests", "recordings");

    /// <summary>Every recording, by <c>Class/Test</c>.</summary>
    public static IEnumerable<LiveRecording> All()
        => System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load);

    public static LiveRecording Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        var name = Path.GetRelativePath(Directory, file).Replace('\\', '/')[..^".json".Length];
        var exchanges = root.GetProperty("exchanges").EnumerateArray().Select((e, i) => LiveExchange.Read(i, e)).ToList();
        return new LiveRecording(name, root.GetProperty("recordedAt").GetDateTimeOffset(), exchanges);
    }

    public override string ToString() => Name;

    /// <summary>A body as the live suite sent it: JSON kept as JSON is written back compactly, byte for byte.</summary>
    internal static string? BodyText(JsonElement message)
        => message.TryGetProperty("json", out var json) && json.ValueKind != JsonValueKind.Null
            ? JsonSerializer.Serialize(json, Compact)
            : message.TryGetProperty("body", out var body) ? body.GetString() : null;
}

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
