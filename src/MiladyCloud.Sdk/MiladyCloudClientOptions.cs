using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk;

/// <summary>
/// Settings of a <see cref="MiladyCloudClient"/>. The one options type of the SDK: used directly, bound from
/// configuration, and validated when the client is created (see <see cref="Validate"/>).
/// </summary>
public class MiladyCloudClientOptions
{
    /// <summary>The production API root, <c>https://cloud.milady.ai/api/v1/</c>.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://cloud.milady.ai/api/v1/");

    /// <summary>256 MiB: about twice the largest real answer (see <see cref="MaxResponseBytes"/>).</summary>
    internal const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The API key (<c>eliza_</c> followed by 64 hex characters). Sent as <c>Authorization: Bearer</c>.
    /// Never logged and never shown by <see cref="ToString"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Which header carries the API key. Defaults to <see cref="MiladyCloudAuthentication.Bearer"/>.</summary>
    public MiladyCloudAuthentication Authentication { get; set; } = MiladyCloudAuthentication.Bearer;

    /// <summary>
    /// A browser session token (the <c>steward-token</c> or <c>privy-token</c> cookie value), for the routes that refuse
    /// API keys. Sent as that cookie on every request when set (see <see cref="SessionCookie"/>). Never logged and never
    /// shown by <see cref="ToString"/>.
    /// </summary>
    public string? SessionToken { get; set; }

    /// <summary>
    /// Which cookie carries <see cref="SessionToken"/>. <see cref="MiladyCloudSessionCookie.Auto"/> (the default) tells a
    /// Steward token from a Privy one by its signature algorithm.
    /// </summary>
    public MiladyCloudSessionCookie SessionCookie { get; set; }

    /// <summary>The root of the <c>/api/v1</c> routes. Defaults to <see cref="DefaultBaseUrl"/>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// The site root for the routes that live outside <c>/api/v1</c> (for example <c>/api/my-agents</c>).
    /// When unset it is derived from <see cref="BaseUrl"/> by removing a trailing <c>api/v1</c>.
    /// </summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>
    /// How long one attempt may wait for the response headers. Does not limit how long a stream runs.
    /// Defaults to 100 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The longest a whole call may take, retries and their delays included (not the reading of a stream).
    /// Retries that would wait past it are not made. Infinite by default.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long a stream may take to deliver its first event. Defaults to 2 minutes.</summary>
    public TimeSpan StreamFirstEventTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a stream may stay silent between two events. Defaults to 90 seconds.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times a failed request is retried (0 disables retries). Defaults to 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially with jitter. Defaults to 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest delay the client will wait before a retry. When the server asks for longer, the call fails
    /// at once with a rate-limit exception carrying the requested delay. Defaults to 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether credit-consuming calls (chat, messages, embeddings, images, video) are also retried after a timeout or
    /// a 500/502/504, when the server may already have done (and billed) the work. Off by default: such calls are
    /// retried only when the server cannot have done the work (connection never established, 429, 503). Calls whose
    /// repeat would do the work twice (a container update, an agent clone, an n8n write) are never retried after such
    /// failures, whatever this says.
    /// </summary>
    public bool RetryCreditConsumingRequestsOnAmbiguousFailures { get; set; }

    /// <summary>
    /// Pace calls to the server's rate limits: before a call to a rate-limited route, the SDK checks its replica of the
    /// server's counter (one per key, shared by every limited route, each with its own preset; see
    /// <see cref="RateLimitTracker"/>) and, when the server would refuse the call, waits until it would be allowed instead
    /// of sending it to be refused (the server counts refused calls too). Routes the server does not limit are never held.
    /// On by default; the wait is cancellable and never longer than <see cref="MaxRetryDelay"/> (longer: a
    /// <see cref="MiladyCloudRateLimitedException"/> with <see cref="MiladyCloudRateLimitedException.RequestNeverSent"/>).
    /// </summary>
    public bool HoldWhenRateLimitExhausted { get; set; } = true;

    /// <summary>
    /// The rate-limit state this client uses. Each client has its own by default (dependency injection shares one per
    /// registration); give several clients of the same key one instance so they pace together, or a shared store for
    /// several processes (<c>MiladyCloud.Sdk.Redis</c>).
    /// </summary>
    public RateLimitTracker? RateLimits { get; set; }

    /// <summary>
    /// Lets <see cref="BaseUrl"/> and <see cref="SiteUrl"/> use plain <c>http</c> on a host that is not loopback, for a
    /// gateway inside a trusted network. Off by default: credentials would cross the network unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The most connections the client's own handler opens to one server; further calls wait for a free connection
    /// (the wait counts against <see cref="NetworkTimeout"/>). Defaults to 256. Ignored when you pass your own
    /// <see cref="HttpClient"/>: configure its handler instead.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = 256;

    /// <summary>The largest generated image or video the SDK downloads from a URL. Defaults to 50 MB.</summary>
    public long MaxDownloadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The most bytes the SDK holds of one API answer, counted after decompression: a JSON response body, or one
    /// event of a stream. Beyond it the call fails with <see cref="MiladyCloudResponseTooLargeException"/> and the
    /// rest is never read, so a broken or hostile server cannot make the process run out of memory. Error bodies are
    /// read only as far as their first 256 KiB (or this limit, when smaller). Defaults to 256 MiB, about twice the
    /// largest real answer of the API (2,048 embeddings of 3,072 dimensions as JSON numbers, about 130 MB); typical
    /// answers are a few kilobytes. Image and video downloads have their own limit, <see cref="MaxDownloadBytes"/>.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>An optional product token appended to the <c>User-Agent</c> header, such as <c>MyApp/1.2</c>.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Where the SDK logs requests, retries, rate-limit holds and streams (never headers, bodies or credentials).
    /// Set for you by <c>AddMiladyCloud()</c>; nothing is logged when unset.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock used for timeouts, retry delays and rate-limit holds. Replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Called when a retry is scheduled, with the attempt number and the delay before it (logging and tests).</summary>
    internal Action<int, TimeSpan>? RetryScheduled { get; set; }

    /// <summary>
    /// Checks the settings and throws an <see cref="InvalidOperationException"/> that says what to fix.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is missing or out of range.</exception>
    public virtual void Validate()
    {
        var problems = Internal.OptionsValidator.FindProblems(this);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("MiladyCloudClientOptions are invalid: " + string.Join(" ", problems));
        }
    }

    /// <summary>Describes the options with the API key redacted.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString()
        => $"MiladyCloudClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, SessionToken = {(string.IsNullOrEmpty(SessionToken) ? "(none)" : "***")}, Authentication = {Authentication}, MaxRetries = {MaxRetries} }}";
}
