using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>One file of <c>tests/recordings</c>, read by the live suite's own <see cref="Recording"/>: the exchanges of one live test with the real server, in order.</summary>
internal sealed record LiveRecording(string Name, DateTimeOffset RecordedAt, IReadOnlyList<LiveExchange> Exchanges)
{
    /// <summary>Every recording, by <c>Class/Test</c>.</summary>
    public static IEnumerable<LiveRecording> All()
        => Directory.EnumerateFiles(LiveSettings.RecordingsDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load);

    public static LiveRecording Load(string file)
    {
        var recording = Recording.Load(file);
        var name = Path.GetRelativePath(LiveSettings.RecordingsDirectory, file).Replace('\\', '/')[..^".json".Length];
        return new LiveRecording(name, recording.RecordedAt, recording.Exchanges.Select(LiveExchange.From).ToList());
    }

    public override string ToString() => Name;
}
