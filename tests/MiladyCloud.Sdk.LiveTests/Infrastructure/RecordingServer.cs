using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>
/// A loopback server between the SDK and the server under test. Live, it forwards each request to the real server
/// and notes the exchange (masked); on replay, it answers each request with the next recorded exchange after
/// checking that the SDK sent what it sent live. Either way the SDK runs its whole pipeline over real HTTP.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    /// <summary>The status answered when a replayed request does not match the recording (no real server uses it).</summary>
    public const int MismatchStatus = 599;

    private static readonly HashSet<string> UnkeptRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "User-Agent", "Content-Length", "Accept-Encoding", "Connection", "Expect", "traceparent", "tracestate",
        "Request-Id", "Correlation-Context", "baggage", "Transfer-Encoding",
    };

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "Proxy-Connection",
    };

    private readonly WebApplication _app;
    private readonly Uri? _target;
    private readonly SecretMask _mask;
    private readonly HttpClient? _forwarder;
    private readonly Lock _gate = new();
    private int _next;

    private RecordingServer(Recording recording, Uri? target, SecretMask mask)
    {
        Recording = recording;
        _target = target;
        _mask = mask;
        if (target is not null)
        {
            _forwarder = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            {
                Timeout = TimeSpan.FromMinutes(10),
            };
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public Recording Recording { get; }

    /// <summary>The root to point the SDK at (the same path layout as the server under test).</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How many requests reached the server (live) or were answered from the recording (replay).</summary>
    public int ExchangeCount
    {
        get
        {
            lock (_gate)
            {
                return _target is null ? _next : Recording.Exchanges.Count;
            }
        }
    }

    /// <summary>Replay only: the requests that did not match the recording, each with the reason.</summary>
    public List<string> Mismatches { get; } = [];

    /// <summary>Replay only: recorded exchanges the test never asked for.</summary>
    public int Unused => Recording.Exchanges.Count - _next;

    /// <summary>The time the replay clock shows: when the live run sent the next request, or when it ended.</summary>
    public DateTimeOffset ReplayNow
    {
        get
        {
            lock (_gate)
            {
                return _next < Recording.Exchanges.Count ? Recording.Exchanges[_next].SentAt : Recording.EndedAt;
            }
        }
    }

    public static Task<RecordingServer> StartLiveAsync(Uri target, Recording recording, SecretMask mask)
        => StartAsync(new RecordingServer(recording, target, mask));

    public static Task<RecordingServer> StartReplayAsync(Recording recording)
        => StartAsync(new RecordingServer(recording, target: null, new SecretMask(null, null)));

    private static async Task<RecordingServer> StartAsync(RecordingServer server)
    {
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var request = await ReadRequestAsync(context.Request);
        if (_target is null)
        {
            await ReplayAsync(context, request);
        }
        else
        {
            await ForwardAsync(context, request, sentAt);
        }
    }

    private async Task ForwardAsync(HttpContext context, (RecordedRequest Masked, HttpRequestMessage Outgoing) request, DateTimeOffset sentAt)
    {
        using var outgoing = request.Outgoing;
        using var answer = await _forwarder!.SendAsync(outgoing, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var body = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var recorded = new RecordedResponse { Status = (int)answer.StatusCode };
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(header.Key))
            {
                recorded.Headers[header.Key] = _mask.Apply(string.Join("\n", header.Value))!;
            }
        }

        SetBody(recorded, body);
        lock (_gate)
        {
            Recording.Exchanges.Add(new RecordedExchange { SentAt = sentAt, Request = request.Masked, Response = recorded });
        }

        // The SDK gets the real answer, unmasked.
        context.Response.StatusCode = recorded.Status;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private void SetBody(RecordedResponse recorded, byte[] body)
    {
        if (body.Length == 0)
        {
            return;
        }

        try
        {
            (recorded.Body, recorded.Json) = RecordedBody.Split(_mask.Apply(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body)));
        }
        catch (DecoderFallbackException)
        {
            recorded.BodyBase64 = Convert.ToBase64String(body);
        }
    }

    private async Task ReplayAsync(HttpContext context, (RecordedRequest Masked, HttpRequestMessage Outgoing) request)
    {
        request.Outgoing.Dispose();
        RecordedExchange? exchange;
        string? mismatch;
        lock (_gate)
        {
            exchange = _next < Recording.Exchanges.Count ? Recording.Exchanges[_next] : null;
            mismatch = exchange is null
                ? $"{request.Masked.Method} {request.Masked.Target}: the recording has no more exchanges (it holds {Recording.Exchanges.Count})."
                : RequestMatcher.Explain(exchange.Request, request.Masked);
            if (mismatch is null)
            {
                _next++;
            }
            else
            {
                Mismatches.Add($"exchange {_next + 1}: {mismatch}");
            }
        }

        if (mismatch is not null || exchange is null)
        {
            context.Response.StatusCode = MismatchStatus;
            await context.Response.WriteAsync("Replay mismatch: " + mismatch);
            return;
        }

        var response = exchange.Response;
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            if (!HopByHopHeaders.Contains(name))
            {
                context.Response.Headers[name] = value.Split('\n');
            }
        }

        var body = response.BodyBase64 is { } base64 ? Convert.FromBase64String(base64) : Encoding.UTF8.GetBytes(RecordedBody.Text(response.Body, response.Json) ?? string.Empty);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Reads the SDK's request: a masked copy to record or match, and a copy to forward.</summary>
    private async Task<(RecordedRequest Masked, HttpRequestMessage Outgoing)> ReadRequestAsync(HttpRequest incoming)
    {
        using var buffer = new MemoryStream();
        await incoming.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var target = incoming.Path.Value + incoming.QueryString.Value;
        var masked = new RecordedRequest { Method = incoming.Method, Target = _mask.Apply(target)! };
        var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target ?? Root, target.TrimStart('/')));
        if (bytes.Length > 0)
        {
            (masked.Body, masked.Json) = RecordedBody.Split(_mask.Apply(Encoding.UTF8.GetString(bytes)));
            outgoing.Content = new ByteArrayContent(bytes);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (UnkeptRequestHeaders.Contains(name))
            {
                continue;
            }

            masked.Headers[name] = _mask.Apply(values.ToString())!;
            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return (masked, outgoing);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forwarder?.Dispose();
    }
}
