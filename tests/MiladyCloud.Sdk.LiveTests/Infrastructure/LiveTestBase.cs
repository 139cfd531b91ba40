using NUnit.Framework.Interfaces;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>
/// The base of every live test class: each test runs twice, live (against the server the environment names, or
/// skipped with the reason) and replayed (from its recording in <c>tests/recordings</c>, always). A test talks to the
/// server only through clients made by <see cref="CreateClient"/>.
/// </summary>
[TestFixture(TestMode.Live)]
[TestFixture(TestMode.Replay)]
[Category("Live")]
public abstract class LiveTestBase(TestMode mode)
{
    /// <summary>One rate-limit view for the whole live run: the server counts every test's calls on the same key.</summary>
    private static readonly RateLimitTracker LiveRunRateLimits = new();

    private readonly List<MiladyCloudClient> _clients = [];
    private RecordingServer? _server;
    private SecretMask _mask = new(null, null);
    private string _recordingPath = string.Empty;

    protected TestMode Mode { get; } = mode;

    /// <summary>The key live calls use: the real one live, its placeholder on replay.</summary>
    protected static string ApiKeyInUse(TestMode mode) => mode == TestMode.Live ? LiveSettings.ApiKey! : LiveSettings.PlaceholderApiKey;

    protected string ApiKey => ApiKeyInUse(Mode);

    /// <summary>How many requests have reached the server so far in this test (the proxy counts them).</summary>
    protected int RequestsSent => Server.ExchangeCount;

    private RecordingServer Server => _server ?? throw new InvalidOperationException("The test has not started.");

    [SetUp]
    public async Task StartRecordingServerAsync()
    {
        _recordingPath = Path.Combine(LiveSettings.RecordingsDirectory, GetType().Name, FileName(TestContext.CurrentContext.Test.Name) + ".json");
        if (Mode == TestMode.Live)
        {
            if (!LiveSettings.LiveConfigured)
            {
                Assert.Ignore("Live tests need MILADY_CLOUD_LIVE_BASE_URL and MILADY_CLOUD_LIVE_API_KEY (see docs/fidelity.md); their recordings are replayed instead.");
            }

            var recording = new Recording { Server = LiveSettings.ServerDescription, RecordedAt = DateTimeOffset.UtcNow };
            var target = new Uri(LiveSettings.BaseUrl!.GetLeftPart(UriPartial.Authority) + "/");
            _mask = new SecretMask(LiveSettings.ApiKey, LiveSettings.SessionToken);
            _server = await RecordingServer.StartLiveAsync(target, recording, _mask);
            return;
        }

        if (!File.Exists(_recordingPath))
        {
            Assert.Fail($"No recording at {_recordingPath}: run the live tests once with MILADY_CLOUD_LIVE_RECORD=1 (docs/fidelity.md).");
        }

        _server = await RecordingServer.StartReplayAsync(Recording.Load(_recordingPath));
    }

    [TearDown]
    public async Task StopRecordingServerAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
        if (_server is null)
        {
            return;
        }

        var server = _server;
        _server = null;
        await server.DisposeAsync();
        var passed = TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Passed;
        if (Mode == TestMode.Live && LiveSettings.Record && passed)
        {
            Save(server.Recording);
        }
        else if (Mode == TestMode.Replay && passed)
        {
            Assert.That(server.Mismatches, Is.Empty, "the SDK sent requests the live run did not send");
            Assert.That(server.Unused, Is.Zero, "the live run sent requests the SDK did not send on replay");
        }
    }

    /// <summary>The test's name (with its arguments) as a file name.</summary>
    private static string FileName(string testName)
        => string.Concat(testName.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_')).TrimEnd('_');

    private void Save(Recording recording)
    {
        recording.EndedAt = DateTimeOffset.UtcNow;
        var mask = _mask;
        foreach (var (name, value) in recording.Variables.ToList())
        {
            recording.Variables[name] = mask.Apply(value)!;
        }

        recording.Save(_recordingPath);
        mask.EnsureAbsent(File.ReadAllText(_recordingPath), _recordingPath);
    }

    /// <summary>
    /// A client pointed at the server under test (through the recording server). Retries and rate-limit holds are on,
    /// as a user has them; <paramref name="configure"/> may change any option.
    /// </summary>
    protected MiladyCloudClient CreateClient(Action<MiladyCloudClientOptions>? configure = null)
    {
        var root = Server.Root;
        var basePath = (LiveSettings.BaseUrl ?? new Uri("http://127.0.0.1/api/v1/")).AbsolutePath.TrimStart('/');
        var options = new MiladyCloudClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = new Uri(root, basePath),
        };
        if (Mode == TestMode.Replay)
        {
            options.TimeProvider = new ReplayClock(() => Server.ReplayNow);
        }
        else
        {
            // The whole run shares one key: pace every client together, and wait out a window (up to the 5-minute
            // CRITICAL one) rather than fail a test because an earlier one used the budget.
            options.RateLimits = LiveRunRateLimits;
            options.MaxRetryDelay = TimeSpan.FromMinutes(6);
        }

        configure?.Invoke(options);
        var client = new MiladyCloudClient(options);
        _clients.Add(client);
        return client;
    }

    /// <summary>The session token for the session-only routes: the live one, its placeholder on replay, or none.</summary>
    protected string? SessionToken => Mode == TestMode.Replay ? LiveSettings.PlaceholderSessionToken : LiveSettings.SessionToken;

    /// <summary>Skips a live test that needs a session when the run has none (its recording still replays).</summary>
    protected void RequireSession()
    {
        if (Mode == TestMode.Live && LiveSettings.SessionToken is null)
        {
            Assert.Ignore("This test needs a browser session: set MILADY_CLOUD_LIVE_SESSION_TOKEN (docs/fidelity.md says how to make one for the local server).");
        }
    }

    /// <summary>A value the test chooses once (a name, say): made fresh live, read back from the recording on replay.</summary>
    protected string Variable(string name, Func<string> create)
    {
        var variables = Server.Recording.Variables;
        if (Mode == TestMode.Replay)
        {
            return variables.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The recording has no variable '{name}'; record the test again.");
        }

        return variables.TryGetValue(name, out var existing) ? existing : variables[name] = create();
    }
}
