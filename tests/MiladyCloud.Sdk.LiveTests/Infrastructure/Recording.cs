using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>
/// What one live test exchanged with the server, in order: the server's own answers, replayed in CI. Credentials
/// never appear: the live key is replaced by <see cref="LiveSettings.PlaceholderApiKey"/> before anything is written.
/// </summary>
internal sealed class Recording
{
    private static readonly JsonSerializerOptions FileFormat = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The server it came from: its source commit (for the local server) or a description.</summary>
    public string? Server { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the test ended: the replay clock's time after the last exchange.</summary>
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>Values a test chose at random while recording (names, ids), handed back on replay.</summary>
    public SortedDictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    public List<RecordedExchange> Exchanges { get; set; } = [];

    public static Recording Load(string path)
        => JsonSerializer.Deserialize<Recording>(File.ReadAllText(path), FileFormat)
            ?? throw new InvalidDataException($"{path} is not a recording.");

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, FileFormat) + "\n");
    }
}
