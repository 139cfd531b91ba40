using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// A proxy or a compromised endpoint that echoes the credentials anywhere it can: in a malformed header or status line,
/// a chunk header, a redirect's user-info, every field of an error envelope, a rate-limit header, the texts of a
/// completion. Whatever the source and whatever the case, no text that leaves the SDK (exception messages and chains,
/// error fields, log records, span tags) holds them.
/// </summary>
[Category("Faults")]
[NonParallelizable]
public class CredentialEchoTests
{
    private const string Key = "eliza_5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7";

    /// <summary>A session token with characters that URL encoding changes.</summary>
    private const string Session = "privy+session/5ec2e7=token.value";

    private static readonly string[] Forms =
    [
        Key, Key.ToUpperInvariant(), Key[6..].ToUpperInvariant(), Session, Session.ToUpperInvariant(), Uri.EscapeDataString(Session), WebUtility.UrlEncode(Session),
    ];

    /// <summary>What must never appear, in any case: the key's secret part and the session token, plain, URL-encoded or hex-dumped.</summary>
    private static readonly string[] Secrets =
    [
        Key[6..], Session, Uri.EscapeDataString(Session), WebUtility.UrlEncode(Session),
        BitConverter.ToString(System.Text.Encoding.UTF8.GetBytes(Key[6..])), BitConverter.ToString(System.Text.Encoding.UTF8.GetBytes(Session)),
    ];

    public static IEnumerable<TestCaseData> TransportEchoes()
    {
        foreach (var form in Forms)
        {
            yield return new TestCaseData("invalid header line", "HTTP/1.1 200 OK\r\nX-Echo " + form + "\r\nContent-Length: 2\r\n\r\n{}", false, typeof(MiladyCloudConnectionException)).SetArgDisplayNames("header line", form);
            yield return new TestCaseData("invalid status line", form + " 200 OK\r\nContent-Length: 2\r\n\r\n{}", false, typeof(MiladyCloudConnectionException)).SetArgDisplayNames("status line", form);
            yield return new TestCaseData("invalid chunk header", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + form + "\r\n{}", false, typeof(MiladyCloudConnectionException)).SetArgDisplayNames("chunk header", form);
            yield return new TestCaseData("invalid chunk header mid-stream", "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunk(ChatChunk("ok")) + form + "\r\n", true, typeof(MiladyCloudStreamIncompleteException)).SetArgDisplayNames("chunk header mid-stream", form);
        }
    }

    [TestCaseSource(nameof(TransportEchoes))]
    public async Task A_transport_error_quoting_a_credential_is_masked_in_the_exception_chain_and_the_log(string what, string answer, bool stream, Type expected)
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync(answer);
            c.Close();
        });
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        using var client = Client(server, o => { o.ApiKey = Key; o.SessionToken = Session; o.LoggerFactory = loggerFactory; });

        var outcome = await OutcomeAsync(stream ? ConnectionFaultTests.ReadContentAsync(client, []) : client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf(expected), what);
        Assert.That(outcome!.ToString(), Does.Contain("***"), "the transport quoted the echo, masked");
        AssertNoCredential(Texts(outcome));
        AssertNoCredential(logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
    }

    [Test]
    public async Task A_redirect_carrying_the_credentials_as_user_info_is_reported_without_them()
    {
        using var elsewhere = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.RespondAsync(200, ModelList);
        });
        using var api = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"HTTP/1.1 302 Found\r\nLocation: http://{Key}:{Uri.EscapeDataString(Session)}@127.0.0.1:{elsewhere.Port}/api/v1/models\r\nContent-Length: 0\r\n\r\n");
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        using var client = new MiladyCloudClient(http, new MiladyCloudClientOptions { ApiKey = Key, SessionToken = Session, BaseUrl = api.BaseUrl, MaxRetries = 0, LoggerFactory = loggerFactory });

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(outcome!.Message, Does.Contain($"http://127.0.0.1:{elsewhere.Port}"));
        AssertNoCredential(Texts(outcome));
        var records = logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "the SDK logged the call");
        AssertNoCredential(records.SelectMany(LogTexts));
    }

    [TestCase(400)]
    [TestCase(409)]
    [TestCase(429)]
    [TestCase(500)]
    public async Task Error_fields_echoing_a_credential_in_any_case_are_masked(int status)
    {
        var body = $$$"""
            {"error":{"code":"{{{Key}}}","type":"{{{Session.ToUpperInvariant()}}}","message":"bad key {{{Key.ToUpperInvariant()}}}",
            "details":{"echo":"{{{Key[6..].ToUpperInvariant()}}}","escaped":"\u0065liza_{{{Key[6..]}}}","list":["{{{Uri.EscapeDataString(Session)}}}"],"{{{Key}}}":1},
            "requestId":"{{{Key}}}"}}
            """;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(status, body, "application/json", "X-Request-Id: " + Key.ToUpperInvariant(), "X-RateLimit-Remaining: 3", "X-RateLimit-Policy: " + Session);
            }
        });
        using var client = Client(server, o => { o.ApiKey = Key; o.SessionToken = Session; });

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.InstanceOf<MiladyCloudApiException>());
        var error = (MiladyCloudApiException)outcome!;
        Assert.That(error.ServerCode, Is.EqualTo("***"));
        Assert.That(error.ErrorCode.Value, Does.Not.Contain(Key.ToUpperInvariant()));
        Assert.That(error.Details, Is.Not.Null);
        AssertNoCredential(Texts(error));
        AssertNoCredential([client.RateLimits.Latest?.Policy ?? string.Empty]);
    }

    [Test]
    public async Task Span_tags_taken_from_a_completion_that_echoes_the_key_are_masked()
    {
        var completion = Completion.Replace("chatcmpl-1", Key.ToUpperInvariant(), StringComparison.Ordinal).Replace("openai/gpt-5.4", "model-" + Key, StringComparison.Ordinal);
        using var server = ResponseFaultTests.Answering(200, completion);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MiladyCloudTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = Client(server, o => o.ApiKey = Key);

        var result = await client.Chat.CreateAsync(ChatRequest()).WaitAsync(HangBound);

        Assert.That(result.Id, Is.EqualTo(Key.ToUpperInvariant()), "the result itself is the server's data, returned as sent");
        lock (spans)
        {
            var tags = spans.SelectMany(s => s.Tags).ToList();
            Assert.That(tags, Has.Some.Matches<KeyValuePair<string, string?>>(t => t.Key == "gen_ai.response.id" && t.Value == "***"));
            AssertNoCredential(tags.Select(t => t.Key + "=" + t.Value));
        }
    }

    /// <summary>Every text an exception carries: message, ToString (with the whole chain), and each error field.</summary>
    private static IEnumerable<string> Texts(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current.GetType().Name + ": " + current.Message;
            yield return current.ToString();
        }

        if (exception is MiladyCloudApiException api)
        {
            yield return string.Join("|", api.RawBody, api.ServerMessage, api.ServerCode, api.ServerType, api.ErrorCode.Value, api.Details?.GetRawText(), api.RequestId, api.RateLimit?.Policy);
        }

        if (exception is MiladyCloudResponseFormatException format)
        {
            yield return format.RawBody ?? string.Empty;
        }
    }

    /// <summary>Every text of a log record: its message, its exception with the chain, each state value and each scope.</summary>
    private static IEnumerable<string> LogTexts(FakeLogRecord record)
    {
        yield return record.Message;
        if (record.Exception is { } exception)
        {
            foreach (var text in Texts(exception))
            {
                yield return text;
            }
        }

        foreach (var (name, value) in record.StructuredState ?? [])
        {
            yield return name + "=" + value;
        }

        foreach (var scope in record.Scopes)
        {
            yield return scope?.ToString() ?? string.Empty;
        }
    }

    private static void AssertNoCredential(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                Assert.That(text.Contains(secret, StringComparison.OrdinalIgnoreCase), Is.False, $"a credential leaked: {text}");
            }
        }
    }

    private static string Chunk(string text) => $"{System.Text.Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n";
}
