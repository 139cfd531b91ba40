using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>
/// Plays one recording against a fresh fake, exchange by exchange, and lists every way the fake's answers differ from
/// the server's. The fake's state builds up as the server's did: its ids replace the recorded ones in later requests,
/// and its rate-limit counter is brought to the server's count where an answer reports it (the server's counter also
/// held the calls of the live tests that ran before).
/// </summary>
internal sealed class RecordingReplay : IDisposable
{
    private const string ModelsPrefix = "/api/v1/models/";

    private readonly LiveRecording _recording;
    private readonly MiladyCloudFakeServer _fake;
    private readonly HttpClient _http;
    private readonly IdMap _ids = new();
    private readonly Dictionary<string, int> _counted = new(StringComparer.Ordinal);

    public RecordingReplay(LiveRecording recording)
    {
        _recording = recording;
        _fake = MiladyCloudFakeServer.Start(new FakeTimeProvider(recording.RecordedAt));
        // The recorded server ran without Redis; its answers carry the in-memory limiter's headers.
        _fake.Replies.RateLimitPolicy = "in-memory";
        _fake.Replies.VideoGenerationTime = TimeSpan.Zero;
        // The live catalogue had the models the recording reads; the fake's catalogue is configured to have them too.
        foreach (var model in recording.Exchanges.Where(e => e is { Method: "GET", Status: 200 } && e.Path.StartsWith(ModelsPrefix, StringComparison.Ordinal)))
        {
            var id = Uri.UnescapeDataString(model.Path[ModelsPrefix.Length..]);
            if (!_fake.Replies.ModelIds.Contains(id))
            {
                _fake.Replies.ModelIds.Add(id);
            }
        }

        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _fake.Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public List<string> Differences { get; } = [];

    public List<string> Compared { get; } = [];

    public List<string> NotSent { get; } = [];

    /// <summary>Replays the exchanges the rules leave in, compares each answer and learns the fake's ids from it.</summary>
    public async Task RunAsync(Func<LiveExchange, string?> whyNotCompared, Func<string, bool> optional)
    {
        foreach (var exchange in _recording.Exchanges)
        {
            if (whyNotCompared(exchange) is { } reason)
            {
                NotSent.Add($"{exchange}: {reason}");
                continue;
            }

            Compared.Add(exchange.ToString());
            await ReplayAsync(exchange, optional);
        }
    }

    private async Task ReplayAsync(LiveExchange exchange, Func<string, bool> optional)
    {
        var headers = exchange.RequestHeaders.ToDictionary(h => h.Key, h => _ids.Apply(h.Value), StringComparer.OrdinalIgnoreCase);
        await CatchUpRateLimitAsync(exchange, headers);
        using var response = await SendAsync(exchange.Method, _ids.Apply(exchange.Target), headers, exchange.RequestBody is { } body ? _ids.Apply(body) : null);
        var text = await response.Content.ReadAsStringAsync();
        var fakeStatus = (int)response.StatusCode;
        void Differ(string what) => Differences.Add($"{exchange}: {what}");

        var success = exchange.Status is >= 200 and < 300;
        if (fakeStatus != exchange.Status)
        {
            Differ($"status: the server answered {exchange.Status}, the fake {fakeStatus} {Excerpt(text)}");
            if (!success || fakeStatus is < 200 or >= 300)
            {
                return;
            }
        }

        if (MediaType(exchange.ResponseHeader("Content-Type")) is { } serverType && !string.Equals(serverType, response.Content.Headers.ContentType?.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            Differ($"Content-Type: the server sent {serverType}, the fake {response.Content.Headers.ContentType?.MediaType ?? "none"}");
        }

        CompareRateLimitHeaders(exchange, response, Differ);
        if (exchange.Json is not { } server)
        {
            return;
        }

        JsonElement fake;
        try
        {
            fake = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            Differ($"the server sent JSON, the fake {Excerpt(text)}");
            return;
        }

        var shape = new List<string>();
        JsonShape.Compare(server, fake, "$", shape, optional);
        if (!success)
        {
            JsonShape.CompareExactly(server, fake, "$", shape, _ids.Apply);
        }

        shape.ForEach(Differ);
        if (success)
        {
            _ids.Learn(server, fake);
        }
    }

    /// <summary>
    /// A limited route must carry the server's preset (<c>X-RateLimit-Limit</c>) and, the counters being level, its
    /// remaining count; a route the server does not limit must carry none.
    /// </summary>
    private static void CompareRateLimitHeaders(LiveExchange exchange, HttpResponseMessage response, Action<string> differ)
    {
        var fakeLimit = Header(response, "X-RateLimit-Limit");
        if (exchange.ResponseHeader("X-RateLimit-Limit") is not { } limit)
        {
            if (fakeLimit is not null)
            {
                differ($"the server does not rate-limit this route, the fake does (X-RateLimit-Limit {fakeLimit})");
            }

            return;
        }

        if (fakeLimit != limit)
        {
            differ($"X-RateLimit-Limit: the server sent {limit}, the fake {fakeLimit ?? "none"}");
            return;
        }

        if (Header(response, "X-RateLimit-Remaining") is var remaining && remaining != exchange.ResponseHeader("X-RateLimit-Remaining"))
        {
            differ($"X-RateLimit-Remaining: the server sent {exchange.ResponseHeader("X-RateLimit-Remaining")}, the fake {remaining ?? "none"}");
        }

        if (exchange.ResponseHeader("Retry-After") is not null && Header(response, "Retry-After") is null)
        {
            differ("Retry-After: the server sent one, the fake none");
        }
    }

    /// <summary>
    /// Brings the fake's counter for the caller's key to the server's count before this call (a 429 means the count had
    /// reached the preset) with calls to <c>GET /user</c>, a limited read that changes nothing.
    /// </summary>
    private async Task CatchUpRateLimitAsync(LiveExchange exchange, Dictionary<string, string> headers)
    {
        if (exchange.ResponseHeader("X-RateLimit-Limit") is not { } limitText || exchange.ResponseHeader("X-RateLimit-Remaining") is not { } remainingText)
        {
            return;
        }

        var limit = int.Parse(limitText, CultureInfo.InvariantCulture);
        var before = exchange.Status == 429 ? limit : limit - int.Parse(remainingText, CultureInfo.InvariantCulture) - 1;
        var bucket = Bucket(headers);
        var credentials = headers.Where(h => h.Key is "Authorization" or "X-API-Key" or "Cookie").ToDictionary(StringComparer.OrdinalIgnoreCase);
        while (_counted.GetValueOrDefault(bucket) < before)
        {
            using var filler = await SendAsync("GET", "/api/v1/user", credentials, body: null);
            if (Header(filler, "X-RateLimit-Limit") is null)
            {
                Differences.Add($"{exchange}: GET /api/v1/user, sent to bring the rate-limit counter level, was not counted ({(int)filler.StatusCode})");
                return;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string target, IReadOnlyDictionary<string, string> headers, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await _http.SendAsync(request);
        if (Header(response, "X-RateLimit-Limit") is not null)
        {
            _counted[Bucket(headers)] = _counted.GetValueOrDefault(Bucket(headers)) + 1;
        }

        return response;
    }

    /// <summary>The server's counter key: the API key when one is sent, else the session, else the caller's address.</summary>
    private static string Bucket(IReadOnlyDictionary<string, string> headers)
        => headers.TryGetValue("X-API-Key", out var key) ? "apikey:" + key
            : headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer eliza_", StringComparison.Ordinal) ? "apikey:" + authorization[7..]
            : headers.ContainsKey("Cookie") ? "session" : "public";

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static string? MediaType(string? contentType) => contentType is null ? null : MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : contentType;

    private static string Excerpt(string text) => text.Length == 0 ? "(empty body)" : "(" + (text.Length > 300 ? text[..300] + "..." : text) + ")";

    public void Dispose()
    {
        _http.Dispose();
        _fake.Dispose();
    }
}
