using System.Text.Encodings.Web;
using System.Text.Json;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>One file of <c>tests/recordings</c>: the exchanges of one live test with the real server, in order.</summary>
internal sealed record LiveRecording(string Name, DateTimeOffset RecordedAt, IReadOnlyList<LiveExchange> Exchanges)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every recording, by <c>Class/Test</c>.</summary>
    public static IEnumerable<LiveRecording> All()
        => Directory.EnumerateFiles(LiveSettings.RecordingsDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load);

    public static LiveRecording Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        var name = Path.GetRelativePath(LiveSettings.RecordingsDirectory, file).Replace('\\', '/')[..^".json".Length];
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
