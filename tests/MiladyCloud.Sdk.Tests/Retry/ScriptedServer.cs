using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace MiladyCloud.Sdk.Tests.Retry;

/// <summary>
/// A loopback server that answers with a scripted sequence of responses, plus a client on a fake clock whose retry
/// delays are observed (never slept): tests advance the clock exactly by the delay the SDK scheduled.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly ConcurrentQueue<(int Status, string Body, (string, string)[] Headers)> _script = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedServer(Action<MiladyCloudClientOptions>? configure = null)
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(NextAsync));
        Options = new MiladyCloudClientOptions
        {
            ApiKey = Infrastructure.FakeApi.ApiKey,
            BaseUrl = new Uri(Server.Url! + "/api/v1/"),
            TimeProvider = Clock,
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            RetryScheduled = (attempt, delay) => Delays.Enqueue(delay),
        };
        configure?.Invoke(Options);
        Client = new MiladyCloudClient(Options);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public WireMockServer Server { get; }

    public MiladyCloudClientOptions Options { get; }

    public MiladyCloudClient Client { get; }

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public int RequestCount => Server.LogEntries.Count();

    /// <summary>When set, the server keeps every response back until the test ends (a server that never answers).</summary>
    public bool Unresponsive { get; set; }

    public ScriptedServer Then(int status, string body = "{}", params (string Name, string Value)[] headers)
    {
        _script.Enqueue((status, body, headers));
        return this;
    }

    /// <summary>Waits (bounded) until the SDK has scheduled its next retry, and returns that delay.</summary>
    public async Task<TimeSpan> NextRetryDelayAsync()
    {
        for (var i = 0; i < 500; i++)
        {
            if (Delays.TryDequeue(out var delay))
            {
                return delay;
            }

            await Task.Delay(10);
        }

        throw new AssertionException("no retry was scheduled");
    }

    /// <summary>Waits (bounded) until the server has received <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 500 && RequestCount < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(RequestCount, Is.EqualTo(count));
    }

    public void Dispose()
    {
        _release.TrySetResult();
        Client.Dispose();
        Server.Stop();
        Server.Dispose();
    }

    private async Task<IResponseMessage> NextAsync(IRequestMessage request)
    {
        if (Unresponsive)
        {
            await _release.Task;
        }

        var (status, body, headers) = _script.TryDequeue(out var next) ? next : (500, """{"error":"script exhausted"}""", []);
        var map = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = new("application/json") };
        foreach (var (name, value) in headers)
        {
            map[name] = new WireMockList<string>(value);
        }

        return new ResponseMessage
        {
            StatusCode = status,
            Headers = map,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body, Encoding = System.Text.Encoding.UTF8 },
        };
    }
}
