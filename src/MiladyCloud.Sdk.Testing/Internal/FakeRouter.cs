using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Decides every response of the fake: journal, credentials, rate-limit window, scripted faults, routes.</summary>
internal sealed class FakeRouter(FakeFaults faults, FakeReplies replies, TimeProvider clock, string apiKey, CancellationToken shutdown)
{
    private const string ApiPrefix = "/api/v1/";
    private readonly object _windowGate = new();
    private readonly KnowledgeResponder _knowledge = new(clock);
    private readonly VoiceResponder _voice = new(clock);
    private DateTimeOffset? _windowEnd;
    private readonly FakeStores _stores = new(replies, clock, apiKey);
    private readonly ServerRateLimiter _limiter = new(clock);

    public ConcurrentQueue<RecordedRequest> Journal => _stores.Journal;

    public JobsResponder Jobs => _stores.Jobs;

    public AgentsResponder Agents => _stores.Agents;

    /// <summary>How many calls the service's rate limiter (not a scripted fault) refused with 429.</summary>
    public int RateLimitRefusals => _limiter.Refusals;

    /// <summary>Answers one request, after the response's <see cref="FakeResponse.Delay"/> (on the fake's clock) when it has one.</summary>
    public async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var (message, delay) = Decide(request);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, clock, shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The fake is shutting down: answer at once rather than keep the request open.
            }
        }

        return message;
    }

    private (IResponseMessage Message, TimeSpan Delay) Decide(IRequestMessage request)
    {
        var recorded = Record(request);
        Journal.Enqueue(recorded);
        var path = request.AbsolutePath;
        var json = recorded.Json;
        // The UI chat route always streams; its body has no "stream" member.
        var isStream = UiChatResponder.IsRoute(path) || (json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True);

        if (ApiKeysResponder.IsKeyPath(path) && SessionOnlyRefusal(recorded) is { } refused)
        {
            return (ToWireMock(refused), TimeSpan.Zero);
        }

        var rateHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var route = RateLimitRoute.For(new HttpMethod(request.Method), path);
        var isPublic = IsPublic(request.Method, path);
        var hasValidCredential = HasValidCredential(recorded);
        // The route's rate-limit wrapper runs before its handler authenticates: an API key the edge let through (it
        // checks none) is counted under its own value even when the handler then refuses it.
        var readsNoCredential = CarriesCredential(recorded) && CryptoPaymentsResponder.ReadsNoCredential(request.Method, path);
        var passesEdge = isPublic || hasValidCredential || readsNoCredential || AppRouteFailures.CarriesApiKey(recorded);
        if (passesEdge && route.Preset is { } preset && Limit(preset, recorded, rateHeaders) is { } limited)
        {
            return (ToWireMock(limited), TimeSpan.Zero);
        }

        if (!isPublic && !hasValidCredential && !readsNoCredential)
        {
            return (ToWireMock(WithRateHeaders(CredentialRefused(request.Method, path, recorded), rateHeaders)), TimeSpan.Zero);
        }

        if (_limiter.CheckOrganizationTier(FakeAccount.OrganizationId, route.OrganizationTier) is { } tierRefusal)
        {
            // The tier's 429 leaves the handler; the route's wrapper then writes its own counter's headers over it.
            return (ToWireMock(WithHeaders(tierRefusal.Refusal(), rateHeaders)), TimeSpan.Zero);
        }

        var fault = faults.Take(path, isStream);
        if (fault is { Kind: FakeFaultKind.TruncatedBody })
        {
            return (TruncatedBody(), TimeSpan.Zero);
        }

        if (fault is { Kind: FakeFaultKind.DroppedConnection })
        {
            return (DroppedConnection(isStream), TimeSpan.Zero);
        }

        var response = WithRateHeaders(fault is { Kind: FakeFaultKind.ErrorResponse } ? FaultResponse(fault, path) : RouteStores(request, recorded) ?? _stores.Route(new FakeCall(request.Method, path, recorded.Query, json ?? default, recorded)) ?? Route(request.Method, path, json), rateHeaders);

        return (response.Events is null ? ToWireMock(response) : ToWireMockStream(response, fault), response.Delay);
    }

    /// <summary>The answer to a call without a credential the fake honours: the edge's, or the handler's own refusal.</summary>
    private static FakeResponse CredentialRefused(string method, string path, RecordedRequest recorded)
    {
        if (!AppRouteFailures.CarriesApiKey(recorded) && path.StartsWith("/api/", StringComparison.Ordinal) && !EdgeAuth.IsPublic(path))
        {
            return EdgeAuth.Refusal(recorded);
        }

        if (CarriesCredential(recorded) && CryptoPaymentsResponder.CredentialRefused(method, path) is { } cryptoFailure)
        {
            return cryptoFailure;
        }

        if (AppRouteFailures.BadCredential(method, path, recorded) is { } appFailure)
        {
            return appFailure;
        }

        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal) && VoiceResponder.HasPlainAuthErrors(path[ApiPrefix.Length..]))
        {
            // The text and speech handlers catch the authentication failure themselves and answer this.
            return FakeResponse.Json("""{"error":"Unauthorized"}""", HttpStatusCode.Unauthorized);
        }

        if (VoiceResponder.IsElevenLabsRoute(path) && CarriesCredential(recorded))
        {
            // The edge lets any credential through to these handlers, which refuse it themselves.
            return VoiceResponder.ElevenLabsCredentialRefused(path);
        }

        if (UiChatResponder.IsRoute(path))
        {
            // The handler falls back to an anonymous session and answers this when there is none.
            return UiChatResponder.Unauthenticated();
        }

        var envelope = ErrorBodies.RouteEnvelope(path);
        return FakeResponse.Json(ErrorBodies.Build(envelope, HttpStatusCode.Unauthorized, "Invalid or expired API key"), HttpStatusCode.Unauthorized);
    }

    private FakeResponse Route(string method, string path, JsonElement? json)
    {
        var body = json ?? default;
        var route = path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path;
        return (method, route) switch
        {
            ("POST", "chat/completions") => ChatResponder.Respond(body, replies, clock),
            ("POST", "messages") => MessagesResponder.Respond(body, replies),
            ("POST", "responses") => ResponsesResponder.Respond(body, replies, clock),
            ("POST", "chat") => UiChatResponder.Respond(body, replies),
            ("POST", "embeddings") => EmbeddingsResponder.Respond(body, replies),
            ("POST", "generate-image") => ImagesResponder.Respond(body, replies),
            ("POST", "generate-video") => VideoResponder.Respond(body, replies),
            ("GET", "models") => CatalogResponder.List(replies),
            ("POST", "models/status") => CatalogResponder.Status(body, replies, clock),
            ("GET", _) when route.StartsWith("models/", StringComparison.Ordinal) => CatalogResponder.Get(Uri.UnescapeDataString(route["models/".Length..]), replies),
            _ => FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.Library, HttpStatusCode.NotFound, $"No fake route for {method} {path}"), HttpStatusCode.NotFound),
        };
    }

    /// <summary>
    /// The routes over the fake's in-memory stores (knowledge, agents); they need the query and, for uploads, the raw
    /// multipart body, not only JSON.
    /// </summary>
    private FakeResponse? RouteStores(IRequestMessage request, RecordedRequest recorded)
    {
        var route = request.AbsolutePath.StartsWith(ApiPrefix, StringComparison.Ordinal) ? request.AbsolutePath[ApiPrefix.Length..] : null;
        if (route is not null && (route == "knowledge" || route.StartsWith("knowledge/", StringComparison.Ordinal)))
        {
            return _knowledge.Route(request.Method, route, recorded.Query, recorded.Json, recorded.Headers.GetValueOrDefault("Content-Type"), request.BodyAsBytes);
        }

        if (VoiceResponder.IsElevenLabsRoute(request.AbsolutePath))
        {
            return _voice.RouteElevenLabs(request.Method, request.AbsolutePath);
        }

        if (route is not null && VoiceResponder.IsVoiceRoute(route))
        {
            return _voice.Route(request.Method, route, recorded.Query, recorded.Json, recorded.Headers.GetValueOrDefault("Content-Type"), request.BodyAsBytes);
        }

        return _stores.Agents.Route(new FakeCall(request.Method, request.AbsolutePath, recorded.Query, recorded.Json ?? default, recorded));
    }

    private FakeResponse FaultResponse(FakeFault fault, string path)
    {
        if (fault.RawBody is not null)
        {
            return new FakeResponse { Status = fault.StatusCode, Body = fault.RawBody, ContentType = fault.ContentType };
        }

        var envelope = fault.Envelope == FakeErrorEnvelope.RouteDefault ? ErrorBodies.RouteEnvelope(path) : fault.Envelope;
        if (fault.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return RateLimitedResponse(fault.RetryAfter ?? TimeSpan.FromSeconds(60), fault.ResetHeaderOnly, limit: 60);
        }

        if (fault.IsInsufficientCredits && UiChatResponder.IsRoute(path))
        {
            return UiChatResponder.InsufficientBalance();
        }

        if (fault.IsInsufficientCredits && path.EndsWith("/responses", StringComparison.Ordinal))
        {
            // The translation path's reservation failure (the common path); the native path says insufficient_credits.
            return FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, HttpStatusCode.PaymentRequired, "Insufficient balance. Required: $0.02", "insufficient_quota", "insufficient_balance"), HttpStatusCode.PaymentRequired);
        }

        if (fault.IsInsufficientCredits)
        {
            return InsufficientCredits(envelope, fault.Message!);
        }

        var message = fault.Message ?? ErrorBodies.DefaultMessage(fault.StatusCode);
        return FakeResponse.Json(ErrorBodies.Build(envelope, fault.StatusCode, message), fault.StatusCode);
    }

    private static FakeResponse InsufficientCredits(FakeErrorEnvelope envelope, string message) => envelope switch
    {
        // The messages route reports missing credits as 429 rate_limit_error, not 402.
        FakeErrorEnvelope.Anthropic => FakeResponse.Json(ErrorBodies.Build(envelope, HttpStatusCode.TooManyRequests, message, "rate_limit_error"), HttpStatusCode.TooManyRequests),
        FakeErrorEnvelope.OpenAI => FakeResponse.Json(ErrorBodies.Build(envelope, HttpStatusCode.PaymentRequired, message, "insufficient_quota", "insufficient_credits"), HttpStatusCode.PaymentRequired),
        FakeErrorEnvelope.Plain => FakeResponse.Json("""{"error":"Insufficient credits for image generation","required":0.02}""", HttpStatusCode.PaymentRequired),
        _ => FakeResponse.Json(ErrorBodies.Build(envelope, HttpStatusCode.PaymentRequired, message, code: envelope == FakeErrorEnvelope.Documented ? "INSUFFICIENT_CREDITS" : "insufficient_credits"), HttpStatusCode.PaymentRequired),
    };

    private FakeResponse RateLimitedResponse(TimeSpan retryAfter, bool resetHeaderOnly, int limit)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        var body = $$"""{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded. Maximum {{limit}} requests per 60 seconds.","retryAfter":{{seconds}}}""";
        var response = FakeResponse.Json(body, HttpStatusCode.TooManyRequests);
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = "0";
        response.Headers["X-RateLimit-Reset"] = IsoTime(clock.GetUtcNow() + retryAfter);
        response.Headers["X-RateLimit-Policy"] = "in-memory";
        if (!resetHeaderOnly)
        {
            response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    /// <summary>
    /// The server's limiter (<see cref="ServerRateLimiter"/>) by default; a window scripted with
    /// <see cref="FakeFaults.ExhaustWindowAfter"/> replaces it while set.
    /// </summary>
    private FakeResponse? Limit(RateLimitPreset preset, RecordedRequest request, Dictionary<string, string> headers)
    {
        if (faults.HasScriptedWindow)
        {
            return CountRequest(preset.Limit, headers);
        }

        _limiter.Policy = replies.RateLimitPolicy;
        _limiter.Multiplier = replies.RateLimitMultiplier;
        _limiter.WindowScale = replies.RateLimitWindowScale;
        var decision = _limiter.Check(CallerKey(request), preset);
        decision.WriteHeaders(headers);
        return decision.Allowed ? null : decision.Refusal();
    }

    /// <summary>The server's key for the caller: the API key when one is sent, else the session, else one shared bucket.</summary>
    private static string CallerKey(RecordedRequest request)
    {
        if (request.Headers.TryGetValue("X-API-Key", out var key))
        {
            return "apikey:" + key;
        }

        if (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer eliza_", StringComparison.Ordinal))
        {
            return "apikey:" + authorization["Bearer ".Length..];
        }

        return HasSession(request) ? "user:" + FakeAccount.UserId : "public";
    }

    /// <summary>
    /// The wrapper's headers on the handler's answer, unless the handler threw (Next.js then answers 500 with an empty
    /// body, past the wrapper); headers the answer already has stay.
    /// </summary>
    private static FakeResponse WithRateHeaders(FakeResponse response, Dictionary<string, string> headers)
    {
        if (response.Status != HttpStatusCode.InternalServerError || !string.IsNullOrEmpty(response.Body) || response.Bytes is not null || response.Events is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAdd(name, value);
            }
        }

        return response;
    }

    private static FakeResponse WithHeaders(FakeResponse response, Dictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    private FakeResponse? CountRequest(int presetLimit, Dictionary<string, string> headers)
    {
        DateTimeOffset windowEnd;
        (int Limit, int Remaining, TimeSpan Length) count;
        lock (_windowGate)
        {
            var now = clock.GetUtcNow();
            if (_windowEnd is null || now >= _windowEnd)
            {
                faults.ResetWindow();
                _windowEnd = null;
            }

            count = faults.CountInWindow(presetLimit);
            _windowEnd ??= now + count.Length;
            windowEnd = _windowEnd.Value;
        }

        if (count.Remaining < 0)
        {
            return RateLimitedResponse(windowEnd - clock.GetUtcNow(), resetHeaderOnly: false, count.Limit);
        }

        headers["X-RateLimit-Limit"] = count.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = count.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = IsoTime(windowEnd);
        headers["X-RateLimit-Policy"] = "in-memory";
        return null;
    }

    private static string IsoTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool IsPublic(string method, string path)
        => (method == "GET" && path == ApiPrefix + "models") || (method == "POST" && path == ApiPrefix + "models/status") || IsAnonymousFallback(method, path) || AppsResponder.IsPublic(method, path) || IsPublicCharacterProfile(method, path);

    /// <summary>
    /// <c>POST /responses</c> never refuses missing or bad credentials: the handler falls back to an anonymous session.
    /// </summary>
    private static bool IsAnonymousFallback(string method, string path) => method == "POST" && path == ApiPrefix + "responses";

    /// <summary><c>GET /api/characters/{id}/public</c> answers without credentials (public characters are for anyone).</summary>
    private static bool IsPublicCharacterProfile(string method, string path)
        => method == "GET" && FakePaths.TryResource(path, AgentPaths.Characters, out _, out var rest) && rest == "public";

    /// <summary>The fake's key, a key the fake minted and still honours, or the fake's browser session.</summary>
    private bool HasValidCredential(RecordedRequest request)
    {
        if (request.Headers.TryGetValue("X-API-Key", out var key) && IsKnownKey(key))
        {
            return true;
        }

        if (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer ", StringComparison.Ordinal) && IsKnownKey(authorization["Bearer ".Length..]))
        {
            return true;
        }

        return HasSession(request);
    }

    /// <summary>Whether the request carries any credential at all, valid or not.</summary>
    private static bool CarriesCredential(RecordedRequest request)
        => request.Headers.ContainsKey("X-API-Key") || request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("Cookie");

    private bool IsKnownKey(string key) => key == apiKey || _stores.IsMintedKey(key);

    /// <summary>Whether the request carries the fake's browser session cookie.</summary>
    internal static bool HasSession(RecordedRequest request)
        => request.Headers.TryGetValue("Cookie", out var cookies)
            && cookies.Split(';').Any(c => c.Trim() is var pair && (pair == "privy-token=" + MiladyCloudFakeServer.SessionToken || pair == "steward-token=" + MiladyCloudFakeServer.SessionToken));

    /// <summary>
    /// The key-management routes take a browser session only: the edge refuses any request that carries an API key,
    /// and the handlers need the session cookie.
    /// </summary>
    private static FakeResponse? SessionOnlyRefusal(RecordedRequest request)
    {
        var carriesKey = request.Headers.ContainsKey("X-API-Key")
            || (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer eliza_", StringComparison.Ordinal));
        if (carriesKey)
        {
            return FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.Library, HttpStatusCode.Unauthorized, "This endpoint requires session authentication. API keys and Bearer tokens are not accepted.", code: "session_auth_required"), HttpStatusCode.Unauthorized);
        }

        return HasSession(request) ? null : FakeResponse.Json("""{"error":"Authentication required"}""", HttpStatusCode.Unauthorized);
    }

    private static RecordedRequest Record(IRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[name] = string.Join(", ", values);
        }

        var query = request.RawQuery?.TrimStart('?') ?? string.Empty;
        return new RecordedRequest(request.Method, request.AbsolutePath, query, headers, request.Body);
    }

    private static ResponseMessage ToWireMock(FakeResponse response)
    {
        var message = new ResponseMessage
        {
            StatusCode = (int)response.Status,
            Headers = Headers(response, response.ContentType),
        };
        if (response.Bytes is not null)
        {
            message.BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = response.Bytes };
        }
        else if (!string.IsNullOrEmpty(response.Body))
        {
            message.BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = response.Body, Encoding = System.Text.Encoding.UTF8 };
        }

        return message;
    }

    private ResponseMessage ToWireMockStream(FakeResponse response, FakeFault? fault)
    {
        var queue = new SseQueue();
        var pump = new SsePump(queue, response, fault, shutdown);
        var headers = Headers(response, "text/event-stream");
        headers["Cache-Control"] = new WireMockList<string>("no-cache");
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = headers,
            BodyData = new BodyData { DetectedBodyType = BodyType.SseString, SseStringQueue = queue, BodyAsSseStringTask = pump.RunAsync() },
        };
    }

    /// <summary>Starts a 200 response and ends the body after its first bytes.</summary>
    private static ResponseMessage TruncatedBody()
    {
        var queue = new SseQueue();
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData { DetectedBodyType = BodyType.SseString, SseStringQueue = queue, BodyAsSseStringTask = AbortAsync(queue) },
        };
    }

    /// <summary>
    /// Starts a 200 response, sends the first bytes of its body, then aborts the connection. WireMock has no fault
    /// that does this (its fault types send a complete, well-framed response), so the body queue fails instead: once
    /// the response has started, WireMock cannot turn the failure into a response, and the server resets the
    /// connection without the body's final chunk.
    /// </summary>
    private static ResponseMessage DroppedConnection(bool isStream)
    {
        var queue = new SseQueue();
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(isStream ? "text/event-stream" : "application/json") },
            BodyData = new BodyData { DetectedBodyType = BodyType.SseString, SseStringQueue = queue, BodyAsSseStringTask = DropAsync(queue, isStream) },
        };
    }

    private static async Task DropAsync(SseQueue queue, bool isStream)
    {
        queue.Write(isStream ? ": connected\n\n" : "{\"partial\":");
        await Task.Yield();
        queue.Fail();
    }

    private static async Task AbortAsync(SseQueue queue)
    {
        queue.Write("{\"partial\":");
        await Task.Yield();
        queue.Close();
    }

    private static Dictionary<string, WireMockList<string>> Headers(FakeResponse response, string contentType)
    {
        var headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = new(contentType),
        };
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = new WireMockList<string>(value);
        }

        return headers;
    }
}
