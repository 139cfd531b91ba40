using MiladyCloud.Sdk.Testing.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MiladyCloud.Sdk.Testing;

/// <summary>
/// An in-process fake of the elizaOS Cloud API on a free loopback port, built on WireMock.Net. It answers every operation
/// the SDK has a typed method for: chat completions and messages (JSON and SSE streams, text and tool calls),
/// embeddings, the model catalog, image and video generation, agents (the caller's characters with sharing, cloning,
/// publishing, monetization, MCP settings and an n8n plugin stand-in; saved agents of other users, see
/// <see cref="AddSavedAgent"/>; the public profile and token lookup), knowledge documents (list, add from text, multipart
/// upload with the server's limits, semantic query, check, delete), container deployments (a status that moves to
/// running as it is polled, updates, health, logs, a live log stream that stays open until the client leaves,
/// deployments, metrics, quota and registry credentials), apps (with their domains, analytics, earnings, automation and
/// promotion), credits and billing (a balance that purchases and app usage change, the ledger, invoices, auto top-up),
/// API keys (session only), jobs, the dashboard and the user profile and wallets, in the real service's wire formats,
/// with rate-limit headers; state is kept in memory for the fake's lifetime. Faults are scripted through
/// <see cref="Faults"/> and every request is kept in <see cref="Requests"/>.
/// </summary>
/// <example>
/// <code>
/// using var fake = MiladyCloudFakeServer.Start();
/// using var client = fake.CreateClient();
/// fake.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(2)));
/// </code>
/// </example>
public sealed class MiladyCloudFakeServer : IDisposable
{
    /// <summary>The only API key the fake accepts (<c>eliza_</c> + 64 hex characters, like real keys).</summary>
    public const string ApiKey = "eliza_f4ce000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The browser session the fake accepts (as <see cref="MiladyCloudClientOptions.SessionToken"/>); the key-management
    /// routes take nothing else, like the real service.
    /// </summary>
    public const string SessionToken = "fake-privy-session-f4ce";

    private readonly WireMockServer _server;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly FakeRouter _router;

    private MiladyCloudFakeServer(TimeProvider clock)
    {
        _server = WireMockServer.Start(new WireMockServerSettings { StartAdminInterface = false, Urls = ["http://127.0.0.1:0"] });
        _router = new FakeRouter(Faults, Replies, clock, ApiKey, _shutdown.Token);
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(_router.HandleAsync));
        Url = new Uri(_server.Url! + "/");
        BaseUrl = new Uri(Url, "api/v1/");
    }

    /// <summary>The server root, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The <c>/api/v1/</c> root to use as <see cref="MiladyCloudClientOptions.BaseUrl"/>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What the fake answers on the happy path.</summary>
    public FakeReplies Replies { get; } = new();

    /// <summary>The fault script.</summary>
    public FakeFaults Faults { get; } = new();

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _router.Journal.ToArray();

    /// <summary>
    /// How many calls the fake's rate limiter (the service's rules: the key counter and the organization tier) refused
    /// with 429 so far; scripted faults are not counted. The figure to watch when testing how a program paces itself.
    /// </summary>
    public int RateLimitRefusals => _router.RateLimitRefusals;

    /// <summary>Starts a fake on a free loopback port.</summary>
    /// <param name="clock">The clock behind rate-limit headers and windows; the system clock when omitted.</param>
    /// <returns>The running fake.</returns>
    public static MiladyCloudFakeServer Start(TimeProvider? clock = null) => new(clock ?? TimeProvider.System);

    /// <summary>Options pointing at this fake with its API key; retries are left at their defaults.</summary>
    /// <param name="configure">Changes to apply, for example a fake <see cref="MiladyCloudClientOptions.TimeProvider"/>.</param>
    /// <returns>The options.</returns>
    public MiladyCloudClientOptions CreateOptions(Action<MiladyCloudClientOptions>? configure = null)
    {
        var options = new MiladyCloudClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client pointing at this fake.</summary>
    /// <param name="configure">Changes to the options.</param>
    /// <returns>The client; dispose it before the fake.</returns>
    public MiladyCloudClient CreateClient(Action<MiladyCloudClientOptions>? configure = null) => new(CreateOptions(configure));

    /// <summary>
    /// Starts an asynchronous job, like the one hosted-agent provisioning creates, for code that polls
    /// <see cref="MiladyCloudClient.Jobs"/>. Each read moves it one step: <c>pending</c>, <c>in_progress</c>, then
    /// <c>completed</c> (with a result) or <c>failed</c>.
    /// </summary>
    /// <param name="type">The job type; <c>milady_provision</c> is the only one the real service creates today.</param>
    /// <param name="failureMessage">When set, the job ends <c>failed</c> with this error.</param>
    /// <returns>The job id.</returns>
    public string StartJob(string type = "milady_provision", string? failureMessage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return _router.Jobs.Start(type, failureMessage);
    }

    /// <summary>
    /// Adds a public character of another user that the caller has chatted with, the way a "saved" agent comes about on
    /// the real service (there is no route to save one). It is listed by <see cref="SavedAgentsClient.ListAsync"/> until
    /// removed, and like any public character it can be read publicly, cloned and called through the n8n routes; it
    /// cannot be published, deleted or changed by the caller.
    /// </summary>
    /// <param name="name">The character's name.</param>
    /// <param name="bio">Its bio; a placeholder when omitted.</param>
    /// <param name="messages">How many messages the caller sent it (the saved agent's <c>message_count</c>).</param>
    /// <returns>The character id.</returns>
    public string AddSavedAgent(string name, string? bio = null, int messages = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(messages);
        return _router.Agents.AddSaved(name, bio, messages);
    }

    /// <summary>
    /// Adds a character of the caller the way the web dashboard saves one: its bio stored as one string, where the
    /// agents route (<see cref="AgentsClient.CreateAsync(Models.CreateAgentRequest, CancellationToken)"/>) stores a
    /// list. The routes that pass the stored bio through (the dashboard, the character list and record, a clone) send it
    /// as that string, as the real service does, so code that reads <see cref="Models.AgentBio"/> can be tested with both forms.
    /// </summary>
    /// <param name="name">The character's name.</param>
    /// <param name="bio">Its bio, kept as one string.</param>
    /// <returns>The character id.</returns>
    public string AddWebDashboardAgent(string name, string bio)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bio);
        return _router.Agents.AddWebDashboard(name, bio);
    }

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearRequests() => _router.Journal.Clear();

    /// <summary>Ends open streams and stops the server.</summary>
    public void Dispose()
    {
        _shutdown.Cancel();
        _server.Stop();
        _server.Dispose();
        _shutdown.Dispose();
    }
}
