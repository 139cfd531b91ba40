namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>How a live test fixture runs.</summary>
public enum TestMode
{
    /// <summary>Against the server named by the environment (skipped when none is named); recorded on request.</summary>
    Live,

    /// <summary>Against the test's recording on a loopback server: the server's own answers, no server needed.</summary>
    Replay,
}
