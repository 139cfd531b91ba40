using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MiladyCloud.Sdk.Internal.RateLimiting;
using MiladyCloud.Sdk.Internal.Resilience;
using MiladyCloud.Sdk.Internal.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The request pipeline shared by all category clients: URL building, credentials, user agent, JSON bodies,
/// rate-limit holds, transport exceptions and error mapping.
/// </summary>
internal sealed partial class MiladyCloudPipeline
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    /// <summary>Request bodies above this size wait for the server's go-ahead (see <see cref="AskBeforeLargeUpload"/>).</summary>
    private const long LargeUploadBytes = 1024 * 1024;

    /// <summary>Routes whose URL and rate-limit route are remembered; paths carrying ids would grow the cache without end.</summary>
    private const int MaxRememberedTargets = 256;

    private readonly ConcurrentDictionary<(string Path, MiladyCloudRoute Root, HttpMethod Method), (Uri Uri, RateLimitRoute Route)> _targets = new();
    private AuthenticationHeaderValue? _bearer;
    private readonly string _userAgent;
    private readonly string? _sessionCookie;
    private readonly RateLimitGate _gate;

    public MiladyCloudPipeline(HttpClient httpClient, MiladyCloudClientOptions options, RateLimitTracker? rateLimits = null)
    {
        Http = httpClient;
        Options = options;
        RateLimits = options.RateLimits ?? rateLimits ?? new RateLimitTracker();
        ApiBase = WithTrailingSlash(options.BaseUrl);
        SiteBase = WithTrailingSlash(options.SiteUrl ?? DeriveSiteUrl(ApiBase));
        _userAgent = UserAgent.Build(options.ApplicationId);
        _sessionCookie = SessionCookieHeader.For(options.SessionToken, options.SessionCookie);
        Logger = options.LoggerFactory?.CreateLogger("MiladyCloud.Sdk") ?? NullLogger.Instance;
        Secrets = new SecretScrubber(options);
        _gate = new RateLimitGate(options, RateLimits, Logger);
    }

    public ILogger Logger { get; }

    /// <summary>The client's credentials, as the texts leaving the SDK must not show them.</summary>
    public SecretScrubber Secrets { get; }

    public HttpClient Http { get; }

    public MiladyCloudClientOptions Options { get; }

    public RateLimitTracker RateLimits { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    public Uri ApiBase { get; }

    public Uri SiteBase { get; }

    /// <summary>
    /// A request to <paramref name="relativePath"/> with the client's headers and credentials and the route's traits;
    /// for bodies other than JSON (uploads) and for the send path below. Whoever sends it owns it.
    /// </summary>
    public HttpRequestMessage CreateRequest(HttpMethod method, string relativePath, SendOptions send = default)
    {
        var sessionOnly = send.Has(SendFlags.SessionOnly);
        if (sessionOnly && string.IsNullOrEmpty(Options.SessionToken))
        {
            // The edge answers 401 session_auth_required to any API-key request on these routes: fail before sending.
            throw new InvalidOperationException($"{method} {relativePath} accepts only a browser session, never an API key. Set MiladyCloudClientOptions.SessionToken to the session token (the steward-token or privy-token cookie value) to call it.");
        }

        var root = send.Root;
        var (uri, route) = Target(method, relativePath, root);
        var request = new HttpRequestMessage(method, uri);
        request.Options.Set(RequestTraits.Route, route);
        request.Headers.Accept.Add(JsonMediaType);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (sessionOnly)
        {
            request.Headers.TryAddWithoutValidation("Cookie", _sessionCookie);
        }
        else
        {
            ApplyCredentials(request);
        }

        RequestTraits.Apply(request, send, Options.NetworkTimeout);
        return request;
    }

    /// <summary>
    /// The absolute URL and the rate-limit route of a path: both immutable, so a route called again (the usual case:
    /// chat, messages, embeddings) reuses them instead of parsing a new <see cref="Uri"/> and matching the route table.
    /// </summary>
    private (Uri Uri, RateLimitRoute Route) Target(HttpMethod method, string relativePath, MiladyCloudRoute root)
    {
        var key = (relativePath, root, method);
        if (_targets.TryGetValue(key, out var target))
        {
            return target;
        }

        var baseUri = root == MiladyCloudRoute.ApiV1 ? ApiBase : SiteBase;
        target = (new Uri(baseUri, relativePath), ServerRateLimits.Lookup(method, relativePath, root));
        if (_targets.Count < MaxRememberedTargets)
        {
            _targets.TryAdd(key, target);
        }

        return target;
    }

    /// <summary>One header value per key (it is immutable), not one per call.</summary>
    private AuthenticationHeaderValue Bearer(string apiKey)
    {
        var bearer = _bearer;
        if (bearer is null || !string.Equals(bearer.Parameter, apiKey, StringComparison.Ordinal))
        {
            _bearer = bearer = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return bearer;
    }

    private void ApplyCredentials(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(Options.ApiKey))
        {
            if (Options.Authentication is MiladyCloudAuthentication.Bearer or MiladyCloudAuthentication.Both)
            {
                request.Headers.Authorization = Bearer(Options.ApiKey);
            }

            if (Options.Authentication is MiladyCloudAuthentication.ApiKeyHeader or MiladyCloudAuthentication.Both)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", Options.ApiKey);
            }
        }

        if (_sessionCookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", _sessionCookie);
        }
    }

    public HttpRequestMessage CreateJsonRequest<TBody>(HttpMethod method, string relativePath, TBody body, JsonTypeInfo<TBody> bodyInfo, SendOptions send = default)
    {
        // Serialized up front: the length is known and a retry can send the same bytes again.
        return CreateJsonRequest(method, relativePath, JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo), send);
    }

    /// <summary>A request with a body already serialized as JSON.</summary>
    public HttpRequestMessage CreateJsonRequest(HttpMethod method, string relativePath, byte[] json, SendOptions send = default)
    {
        var request = CreateRequest(method, relativePath, send);
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Content = content;
        return request;
    }

    /// <summary>The one way to call a JSON route without a body: <c>GET</c> (or another method) and read the answer.</summary>
    public Task<TResponse> GetJsonAsync<TResponse>(string relativePath, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken, SendOptions send = default)
        => SendJsonAsync(CreateRequest(HttpMethod.Get, relativePath, send), responseInfo, cancellationToken);

    /// <summary>Calls a JSON route without a body and reads the answer.</summary>
    public Task<TResponse> SendJsonAsync<TResponse>(HttpMethod method, string relativePath, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken, SendOptions send = default)
        => SendJsonAsync(CreateRequest(method, relativePath, send), responseInfo, cancellationToken);

    /// <summary>Sends a JSON body to a route and reads the answer.</summary>
    public Task<TResponse> SendJsonAsync<TBody, TResponse>(HttpMethod method, string relativePath, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken, SendOptions send = default)
        => SendJsonAsync(CreateJsonRequest(method, relativePath, body, bodyInfo, send), responseInfo, cancellationToken);

    /// <summary>Sends a model request (chat, messages, embeddings) in its gen_ai span.</summary>
    public Task<TResponse> SendModelCallAsync<TBody, TResponse>(string relativePath, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<TResponse> responseInfo, ModelCall<TResponse> call, SendOptions send, CancellationToken cancellationToken)
        => GenAiActivity.ObserveAsync(() => SendJsonAsync(HttpMethod.Post, relativePath, body, bodyInfo, responseInfo, cancellationToken, send), call, Secrets);

    /// <summary>
    /// Sends a request built by <see cref="CreateRequest"/> and reads the JSON answer: an error status (or, where the route
    /// says so, a 200 with <c>success:false</c>) becomes the typed exception. Owns the request: it is disposed here.
    /// </summary>
    public async Task<TResponse> SendJsonAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            if (request.ReportsFailureInBody())
            {
                ThrowIfSuccessFalse(response, await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false));
            }

            return ReadJson(response, responseInfo);
        }
    }

    /// <summary>
    /// Sends through the gate (rate-limit hold, client-side limiter) and the HttpClient (retries, per-attempt timeout),
    /// turning transport failures into SDK exceptions and recording the rate-limit headers.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        using var activity = MiladyCloudTelemetry.ActivitySource.StartActivity($"{method} {path}", ActivityKind.Client);
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("url.path", path);
        activity?.SetTag("server.address", request.RequestUri?.Host);
        Log.Sending(Logger, method, path);
        var started = TimeProvider.GetTimestamp();
        try
        {
            var response = await SendCoreAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
            var elapsed = TimeProvider.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            Log.Answered(Logger, method, path, status, elapsed.TotalMilliseconds);
            MiladyCloudTelemetry.RequestDuration.Record(elapsed.TotalSeconds, new("http.request.method", method), new("http.response.status_code", status));
            activity?.SetTag("http.response.status_code", status);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return response;
        }
        catch (Exception ex) when (ex is MiladyCloudException)
        {
            Log.Failed(Logger, method, path, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// Sends through the gate (rate-limit hold, client-side limiter) and the HttpClient (retries, per-attempt timeout),
    /// turning transport failures into SDK exceptions and recording the rate-limit headers.
    /// </summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        var route = request.GetRoute() ?? ServerRateLimits.Lookup(request.Method, request.RequestUri?.AbsolutePath ?? string.Empty, MiladyCloudRoute.Site);
        var target = request.RequestUri;
        using var deadline = StartDeadline(request, cancellationToken);
        var token = deadline?.Token ?? cancellationToken;
        HttpResponseMessage response;
        try
        {
            await _gate.EnterAsync(request, route, token).ConfigureAwait(false);
            var sentAt = TimeProvider.GetUtcNow();
            // HttpClient would buffer the body outside the per-attempt timeout, so a server that stalls mid-body would
            // hang the call: the SDK's own handler reads it inside each attempt; an HttpClient the caller supplied
            // gets it read here, under its own deadline.
            var buffer = completionOption == HttpCompletionOption.ResponseContentRead;
            request.SetFlag(RequestTraits.BufferBody, buffer);
            if (Options.MaxResponseBytes != MiladyCloudClientOptions.DefaultMaxResponseBytes)
            {
                // Absent means the default: most clients keep it, and every request carries its options bag.
                request.Options.Set(RequestTraits.ResponseLimit, Options.MaxResponseBytes);
            }
            AskBeforeLargeUpload(request);
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (!request.TakeFlag(RequestTraits.AnswerRecorded))
            {
                // An HttpClient the caller supplied has no rate-limit handler: learn from the final answer here.
                await RateLimitReporter.ReportAsync(RateLimits, route, request, response, sentAt, TimeProvider, token).ConfigureAwait(false);
            }

            if (buffer)
            {
                await BufferBodyAsync(request, response, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (deadline?.TimedOut == true && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.Operation, Options.OperationTimeout, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            var kind = request.WasReadingBody() ? MiladyCloudTimeoutKind.ResponseBody : MiladyCloudTimeoutKind.ResponseHeaders;
            throw new MiladyCloudTimeoutException(kind, request.GetAttemptTimeout() ?? Options.NetworkTimeout, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: an HttpClient.Timeout of a client the caller supplied.
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.ResponseHeaders, Http.Timeout, ex);
        }
        catch (ResponseBodyException ex)
        {
            throw new MiladyCloudConnectionException(
                Scrub($"The connection to {SecretScrubber.Origin(request.RequestUri)} broke while the response to {request.Method} {request.RequestUri?.AbsolutePath} was being read: {ex.InnerException?.Message ?? ex.Message}"),
                Scrub(ex));
        }
        catch (HttpRequestException ex)
        {
            // The transport's text may quote what the server sent (an invalid header or status line that echoes the key).
            throw new MiladyCloudConnectionException(Scrub($"Could not reach elizaOS Cloud at {SecretScrubber.Origin(request.RequestUri)}: {ex.Message}"), Scrub(ex))
            {
                RequestNeverSent = TransientFailures.NeverReachedServer(ex),
            };
        }
        catch (IOException ex)
        {
            // The socket handler wraps its I/O failures, but a handler of an HttpClient the caller supplied may not.
            throw new MiladyCloudConnectionException(Scrub($"The connection to {SecretScrubber.Origin(request.RequestUri)} failed: {ex.Message}"), Scrub(ex));
        }

        ThrowIfRedirectedElsewhere(target, response);
        return response;
    }

    /// <summary>
    /// A large body is sent only after the server agreed to take it (<c>Expect: 100-continue</c>): a server that refuses
    /// it at once (413, 401 …) then answers before any of it is sent, and the caller gets that answer. Without it, the
    /// server closing the connection on an upload it will not read is reported by the transport as a broken pipe and
    /// the answer is lost. A server that ignores the header costs one second (the handler's wait) before the body goes.
    /// </summary>
    private static void AskBeforeLargeUpload(HttpRequestMessage request)
    {
        if (request.Content is { } content && (content.Headers.ContentLength ?? long.MaxValue) > LargeUploadBytes && request.Headers.ExpectContinue is null)
        {
            request.Headers.ExpectContinue = true;
        }
    }

    /// <summary>
    /// The SDK's own handlers never follow redirects, but an HttpClient the caller supplies may, and HttpClient keeps
    /// custom headers (X-API-Key, the session cookie) on a redirect: an answer from another origin is never trusted.
    /// </summary>
    private void ThrowIfRedirectedElsewhere(Uri? target, HttpResponseMessage response)
    {
        var answered = response.RequestMessage?.RequestUri;
        if (target is null || answered is null || Uri.Compare(target, answered, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return;
        }

        response.Dispose();
        // The origins only: the redirect target is the server's text and may carry the key as user-info.
        throw new MiladyCloudConnectionException(Scrub(
            $"The HttpClient followed a redirect from {SecretScrubber.Origin(target)} to {SecretScrubber.Origin(answered)}; the answer was discarded. Build the HttpClient you pass to MiladyCloudClient with AllowAutoRedirect = false so credentials can never follow a redirect."));
    }

    /// <summary>Masks the client's credentials in a text about to leave the SDK.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text) => Secrets.Scrub(text);

    /// <summary>The transport exception, or a copy of its chain with the client's credentials masked when its text quotes them.</summary>
    public Exception Scrub(Exception exception) => Secrets.Scrub(exception);

    /// <summary>
    /// Reads the whole body into memory within the attempt's timeout when the SDK's own handler has not already done so
    /// (an HttpClient the caller supplied); the response is disposed if that fails.
    /// </summary>
    private async Task BufferBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is PooledContent)
        {
            return;
        }

        var timeout = request.GetAttemptTimeout() ?? Options.NetworkTimeout;
        using var deadline = new TimedCancellation(timeout, TimeProvider, cancellationToken);
        try
        {
            await BodyBufferingHandler.BufferAsync(response, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.ResponseBody, timeout, ex);
        }
    }

    /// <summary>Starts the OperationTimeout clock for this call, when one is set, and records the deadline for the retry rules.</summary>
    private TimedCancellation? StartDeadline(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Options.OperationTimeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        request.Options.Set(RequestTraits.Deadline, TimeProvider.GetUtcNow() + Options.OperationTimeout);
        return new TimedCancellation(Options.OperationTimeout, TimeProvider, cancellationToken);
    }

    public async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorResponseReader.ReadAsync(response, TimeProvider, Secrets, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>For routes that report failure as 200 with <c>success:false</c>: throws for such a body.</summary>
    public void ThrowIfSuccessFalse(HttpResponseMessage response, string? body)
    {
        if (ErrorResponseReader.IsSuccessFalse(body))
        {
            throw ErrorResponseReader.Create(response.StatusCode, body, response.Headers, TimeProvider, Secrets);
        }
    }

    /// <summary>
    /// Deserializes a successful answer of <see cref="SendAsync"/> with <see cref="HttpCompletionOption.ResponseContentRead"/>,
    /// whose body is already in a pooled buffer (read inside the attempt, or by the fallback for a caller's HttpClient).
    /// </summary>
    public static TResponse ReadJson<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> responseInfo)
    {
        var content = response.Content as PooledContent
            ?? throw new InvalidOperationException("ReadJson needs a successful response sent with HttpCompletionOption.ResponseContentRead.");
        try
        {
            return Deserialize(content, responseInfo) ?? throw new JsonException("The response body was the JSON literal null.");
        }
        catch (JsonException ex)
        {
            throw FormatError<TResponse>(response, content.Text(ErrorResponseReader.MaxBodyChars), ex);
        }
    }

    /// <summary>From the span when the body is one segment (the usual case), from the segments otherwise (no copy).</summary>
    private static TResponse? Deserialize<TResponse>(PooledContent content, JsonTypeInfo<TResponse> responseInfo)
    {
        if (content.IsSingleSegment)
        {
            // The chat answer has a hand-written reader (see ChatCompletionReader); the test is folded away per type.
            if (typeof(TResponse) == typeof(Models.ChatCompletion) && Json.ChatCompletionReader.TryRead(content.FirstSpan, out var completion))
            {
                return (TResponse)(object)completion!;
            }

            return JsonSerializer.Deserialize(content.FirstSpan, responseInfo);
        }

        var reader = new Utf8JsonReader(content.Sequence);
        var value = JsonSerializer.Deserialize(ref reader, responseInfo);
        // The reader overload stops after the first value; the span overload refuses anything after it, and so must this.
        return reader.Read() ? throw new JsonException("The response body has more after its JSON value.") : value;
    }

    /// <summary>A format error quotes at most the first <see cref="ErrorResponseReader.MaxBodyChars"/> characters of the body.</summary>
    private static MiladyCloudResponseFormatException FormatError<TResponse>(HttpResponseMessage response, string? raw, JsonException ex)
    {
        return CredentialsOf(response.RequestMessage).Scrub(
            new MiladyCloudResponseFormatException($"The response to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} was not the JSON expected ({typeof(TResponse).Name}): {ex.Message} Body: {Truncate(raw)}", raw, ex));
    }

    /// <summary>The credentials a request carried (this method is static: the request is what it knows of the options).</summary>
    private static SecretScrubber CredentialsOf(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return SecretScrubber.None;
        }

        var apiKey = request.Headers.Authorization?.Parameter
            ?? (request.Headers.TryGetValues("X-API-Key", out var keys) ? keys.FirstOrDefault() : null);
        var cookie = request.Headers.TryGetValues("Cookie", out var cookies) ? cookies.FirstOrDefault() : null;
        return new SecretScrubber(apiKey, SessionCookieHeader.TokenIn(cookie));
    }

    private static string Truncate(string? raw) => raw is null ? "(unreadable)" : raw.Length <= 500 ? raw : raw[..500] + "…";

    private static Uri WithTrailingSlash(Uri uri)
        => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static Uri DeriveSiteUrl(Uri apiBase)
    {
        const string suffix = "api/v1/";
        var text = apiBase.AbsoluteUri;
        return text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? new Uri(text[..^suffix.Length])
            : new Uri(apiBase, "/");
    }
}
