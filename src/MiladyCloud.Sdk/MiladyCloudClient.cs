using System.Net.Http.Headers;
using System.Text.Json;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The entry point of the SDK: one instance per account and base URL, safe to share between threads and to keep
/// for the life of the application. Each API category has its own client property.
/// </summary>
public class MiladyCloudClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly MiladyCloudPipeline? _pipeline;
    private readonly Lazy<ModelsClient>? _models;
    private readonly Lazy<ChatClient>? _chat;
    private readonly Lazy<MessagesClient>? _messages;
    private readonly Lazy<ResponsesClient>? _responses;
    private readonly Lazy<UiChatClient>? _uiChat;
    private readonly Lazy<EmbeddingsClient>? _embeddings;
    private readonly Lazy<ImagesClient>? _images;
    private readonly Lazy<VideosClient>? _videos;
    private readonly Lazy<ContainersClient>? _containers;
    private readonly Lazy<CreditsClient>? _credits;
    private readonly Lazy<ApiKeysClient>? _apiKeys;
    private readonly Lazy<JobsClient>? _jobs;
    private readonly Lazy<DashboardClient>? _dashboard;
    private readonly Lazy<UserClient>? _user;
    private readonly Lazy<AgentsClient>? _agents;
    private readonly Lazy<KnowledgeClient>? _knowledge;
    private readonly Lazy<AppsClient>? _apps;
    private readonly Lazy<VoiceClient>? _voice;
    private readonly Lazy<GalleryClient>? _gallery;

    /// <summary>Creates a client for the given API key with default settings.</summary>
    /// <param name="apiKey">The API key (<c>eliza_…</c>).</param>
    public MiladyCloudClient(string apiKey)
        : this(new MiladyCloudClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Creates a client that owns its own connection pool.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="InvalidOperationException">The options are invalid; the message says what to fix.</exception>
    public MiladyCloudClient(MiladyCloudClientOptions options)
        : this(CreateOwnedHttpClient(options, transport: null), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client on an <see cref="HttpClient"/> you manage (for example one from <c>IHttpClientFactory</c>).
    /// The client does not dispose it. Build its handler with <c>AllowAutoRedirect = false</c>: HttpClient keeps custom
    /// credential headers on a redirect (an answer from another origin is refused, but only after the fact).
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address and default headers are not used.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="InvalidOperationException">The options are invalid; the message says what to fix.</exception>
    public MiladyCloudClient(HttpClient httpClient, MiladyCloudClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    /// <summary>Used by dependency injection: the rate-limit knowledge is shared by every client it creates.</summary>
    internal MiladyCloudClient(HttpClient httpClient, MiladyCloudClientOptions options, RateLimitTracker rateLimits)
        : this(httpClient, options, ownsHttpClient: false, rateLimits)
    {
    }

    /// <summary>Creates a client with the SDK's own retry pipeline over the given transport (tests, custom sockets).</summary>
    internal MiladyCloudClient(MiladyCloudClientOptions options, HttpMessageHandler transport)
        : this(CreateOwnedHttpClient(options, transport), options, ownsHttpClient: true)
    {
    }

    /// <summary>For mocking frameworks: a client with no pipeline whose members must all be overridden.</summary>
    protected MiladyCloudClient()
    {
    }

    private MiladyCloudClient(HttpClient httpClient, MiladyCloudClientOptions options, bool ownsHttpClient, RateLimitTracker? rateLimits = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        _pipeline = new MiladyCloudPipeline(httpClient, options, rateLimits);
        _models = new(() => new ModelsClient(_pipeline));
        _chat = new(() => new ChatClient(_pipeline));
        _messages = new(() => new MessagesClient(_pipeline));
        _responses = new(() => new ResponsesClient(_pipeline));
        _uiChat = new(() => new UiChatClient(_pipeline));
        _embeddings = new(() => new EmbeddingsClient(_pipeline));
        _images = new(() => new ImagesClient(_pipeline));
        _videos = new(() => new VideosClient(_pipeline));
        _containers = new(() => new ContainersClient(_pipeline));
        _credits = new(() => new CreditsClient(_pipeline));
        _apiKeys = new(() => new ApiKeysClient(_pipeline));
        _jobs = new(() => new JobsClient(_pipeline));
        _dashboard = new(() => new DashboardClient(_pipeline));
        _user = new(() => new UserClient(_pipeline));
        _agents = new(() => new AgentsClient(_pipeline));
        _knowledge = new(() => new KnowledgeClient(_pipeline));
        _apps = new(() => new AppsClient(_pipeline));
        _voice = new(() => new VoiceClient(_pipeline));
        _gallery = new(() => new GalleryClient(_pipeline));
    }

    /// <summary>
    /// What this client knows of the server's rate limits for its key: the replica of the server's shared per-key
    /// counter (<see cref="RateLimitTracker.EstimateRemaining"/>, <see cref="RateLimitTracker.GetWaitAsync"/>) and the
    /// latest headers it reported (<see cref="RateLimitTracker.Latest"/>). Shared when the options name one.
    /// </summary>
    public virtual RateLimitTracker RateLimits => Pipeline.RateLimits;

    /// <summary>OpenAI-compatible chat completions, plain or streamed.</summary>
    public virtual ChatClient Chat => _chat!.Value;

    /// <summary>Anthropic-compatible messages, plain or streamed, with tools.</summary>
    public virtual MessagesClient Messages => _messages!.Value;

    /// <summary>The OpenAI Responses-style API (<c>/responses</c>): create and stream responses.</summary>
    public virtual ResponsesClient Responses => _responses!.Value;

    /// <summary>The web app's chat route (<c>/chat</c>): model tiers, answered as a Vercel AI SDK UI message stream.</summary>
    public virtual UiChatClient UiChat => _uiChat!.Value;

    /// <summary>Text embeddings, one text or many, with batching.</summary>
    public virtual EmbeddingsClient Embeddings => _embeddings!.Value;

    /// <summary>Image generation, with the bytes of each image and <c>SaveAsync</c>.</summary>
    public virtual ImagesClient Images => _images!.Value;

    /// <summary>Video generation (one long call; the server has no job to poll).</summary>
    public virtual VideosClient Videos => _videos!.Value;

    /// <summary>The model catalog: list, get one, check availability.</summary>
    public virtual ModelsClient Models => _models!.Value;

    /// <summary>Apps: create, list, update, delete, analytics, users, characters, deploy, public info, key rotation; domains, earnings, automation, promotion and app credits as sub-clients.</summary>
    public virtual AppsClient Apps => _apps!.Value;

    /// <summary>Container deployments: create, list, get, update, delete, quota, registry credentials, deployments, health, metrics, logs, live logs, wait until running.</summary>
    public virtual ContainersClient Containers => _containers!.Value;

    /// <summary>Credits and billing: balance, summary, checkout, ledger, quotas, invoices, prices, billing settings, auto top-up.</summary>
    public virtual CreditsClient Credits => _credits!.Value;

    /// <summary>API key management; needs <see cref="MiladyCloudClientOptions.SessionToken"/> (the service refuses API keys there).</summary>
    public virtual ApiKeysClient ApiKeys => _apiKeys!.Value;

    /// <summary>Asynchronous job status.</summary>
    public virtual JobsClient Jobs => _jobs!.Value;

    /// <summary>The account dashboard.</summary>
    public virtual DashboardClient Dashboard => _dashboard!.Value;

    /// <summary>The authenticated user's profile and the organization's server wallets.</summary>
    public virtual UserClient User => _user!.Value;

    /// <summary>Agents (characters): list, create, get, delete, clone, share, publish, monetization, saved agents, MCP settings.</summary>
    public virtual AgentsClient Agents => _agents!.Value;

    /// <summary>Knowledge documents for retrieval: list, add, upload files, search, check, delete.</summary>
    public virtual KnowledgeClient Knowledge => _knowledge!.Value;

    /// <summary>Voice: text to speech (streamed audio), speech to text, voice cloning and the organization's voices.</summary>
    public virtual VoiceClient Voice => _voice!.Value;
    /// <summary>The gallery: the caller's generated images and videos that have a stored file.</summary>
    public virtual GalleryClient Gallery => _gallery!.Value;

    internal MiladyCloudPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This client was created for mocking and has no pipeline.");

    /// <summary>
    /// Calls any route, typed or not, through the same credentials, retries and error mapping, and returns the JSON
    /// answer. For the routes this SDK has no method for yet.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativePath">A path relative to the root, for example <c>credits/balance</c> or <c>apps?limit=5</c>.</param>
    /// <param name="body">A JSON body, or <see langword="null"/>.</param>
    /// <param name="route">Which root the path starts from.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JSON response (<see cref="JsonValueKind.Undefined"/> for an empty body).</returns>
    /// <exception cref="ArgumentException">The path is absolute or leaves the root.</exception>
    public virtual async Task<JsonElement> SendAsync(HttpMethod method, string relativePath, JsonElement? body = null, MiladyCloudRoute route = MiladyCloudRoute.ApiV1, CancellationToken cancellationToken = default)
    {
        // Buffered by the pipeline under NetworkTimeout, so a body that stalls is a timeout rather than a hang.
        using var response = await SendCoreAsync(method, relativePath, body is { } json ? JsonContent(json) : null, route, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        // Only the start of the body is ever quoted (a success:false envelope is short); the JSON is parsed from the bytes.
        var excerpt = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        Pipeline.ThrowIfSuccessFalse(response, excerpt);
        var content = (PooledContent)response.Content;
        if (string.IsNullOrWhiteSpace(excerpt) && content.Length <= ErrorResponseReader.MaxBodyChars)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(content.Sequence);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Pipeline.Secrets.Scrub(new MiladyCloudResponseFormatException($"The response to {method} {relativePath} was not JSON.", excerpt, ex));
        }
    }

    /// <summary>
    /// Sends a request to any route through the same credentials and retries; an error status still throws the typed
    /// exception. The caller disposes the response.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativePath">A path relative to the root.</param>
    /// <param name="content">The body, or <see langword="null"/>.</param>
    /// <param name="route">Which root the path starts from.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response, headers read, body not yet read.</returns>
    /// <remarks>
    /// The body is .NET's, unread and unbounded: reading it (how much, under which timeout) is up to you, and its failures
    /// are the transport's own exceptions (a corrupt compressed body throws <see cref="InvalidDataException"/> or
    /// <see cref="InvalidOperationException"/>). <see cref="SendAsync"/> reads a JSON answer with the SDK's limits and exceptions.
    /// </remarks>
    public virtual Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string relativePath, HttpContent? content = null, MiladyCloudRoute route = MiladyCloudRoute.ApiV1, CancellationToken cancellationToken = default)
        => SendCoreAsync(method, relativePath, content, route, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string relativePath, HttpContent? content, MiladyCloudRoute route, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = EscapeHatchPath.Check(relativePath);
        using var request = Pipeline.CreateRequest(method, path, route == MiladyCloudRoute.Site ? SendFlags.SiteRoot : SendFlags.None);
        request.Content = content;
        var response = await Pipeline.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        try
        {
            await Pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static ByteArrayContent JsonContent(JsonElement json)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(json, MiladyCloudJsonContext.Default.JsonElement));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection pool when the client owns it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    private static HttpClient CreateOwnedHttpClient(MiladyCloudClientOptions options, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return HandlerChain.CreateOwned(options, transport);
    }
}
