namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>The environment of a live run, and the placeholders that stand in for its secrets in recordings.</summary>
internal static class LiveSettings
{
    /// <summary>Stands in for the live key in every recording (same format as a real key, so the SDK accepts it).</summary>
    public const string PlaceholderApiKey = "eliza_5eed0000000000000000000000000000000000000000000000000000000000a1";

    /// <summary>
    /// Stands in for the live session token in every recording: shaped like a Steward token (an HS256 JWT), the kind
    /// the local server's sessions are, so the SDK picks the same cookie on replay.
    /// </summary>
    public const string PlaceholderSessionToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFjZWhvbGRlciJ9.cGxhY2Vob2xkZXI";

    /// <summary>A well-formed key that no server knows.</summary>
    public const string UnknownApiKey = "eliza_0000000000000000000000000000000000000000000000000000000000000000";

    public static Uri? BaseUrl => Environment.GetEnvironmentVariable("MILADY_CLOUD_LIVE_BASE_URL") is { Length: > 0 } url
        ? new Uri(url.EndsWith('/') ? url : url + "/")
        : null;

    public static string? ApiKey => NonEmpty("MILADY_CLOUD_LIVE_API_KEY");

    /// <summary>A session token (the steward-token or privy-token cookie value) for the session-only routes.</summary>
    public static string? SessionToken => NonEmpty("MILADY_CLOUD_LIVE_SESSION_TOKEN");

    /// <summary>Set to 1 to write what a live run exchanged into <c>tests/recordings</c>.</summary>
    public static bool Record => Environment.GetEnvironmentVariable("MILADY_CLOUD_LIVE_RECORD") == "1";

    /// <summary>What the recordings name as their source, e.g. <c>elizaOS/cloud@60bc09e7 (local)</c>.</summary>
    public static string ServerDescription => NonEmpty("MILADY_CLOUD_LIVE_SERVER") ?? "unnamed server";

    public static bool LiveConfigured => BaseUrl is not null && ApiKey is not null;

    public static string RecordingsDirectory { get; } = Path.Combine(FindRepositoryRoot(), "tests", "recordings");

    private static string? NonEmpty(string name)
        => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiladyCloud.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MiladyCloud.Sdk.sln) was not found above " + AppContext.BaseDirectory);
    }
}
