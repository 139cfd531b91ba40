using System.IO.Compression;
using System.Text;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>Complete responses that are wrong in content or form: each maps to one documented outcome.</summary>
[Category("Faults")]
public class ResponseFaultTests
{
    [Test]
    public async Task Truncated_JSON_is_a_format_error_that_keeps_the_text()
    {
        using var server = Answering(200, Completion[..70]);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(((MiladyCloudResponseFormatException)outcome!).RawBody, Is.EqualTo(Completion[..70]));
    }

    [TestCase("[]")]
    [TestCase("\"ok\"")]
    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("""{"id":"c","object":"chat.completion","created":"yesterday","model":"m","choices":[]}""")]
    [TestCase("""{"id":"c","object":"chat.completion","created":1,"model":"m","choices":{"index":0}}""")]
    public async Task Valid_JSON_of_the_wrong_shape_is_a_format_error(string body)
    {
        using var server = Answering(200, body);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(((MiladyCloudResponseFormatException)outcome!).RawBody, Is.EqualTo(body));
    }

    [Test]
    public async Task An_HTML_502_from_a_proxy_is_a_retryable_server_error_with_the_page()
    {
        const string page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
        using var server = Answering(502, page, "text/html");
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf<MiladyCloudInternalServerErrorException>());
        var ex = (MiladyCloudInternalServerErrorException)outcome!;
        Assert.That((int)ex.StatusCode, Is.EqualTo(502));
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.RawBody, Is.EqualTo(page));
    }

    [Test]
    public async Task An_empty_500_is_a_retryable_server_error()
    {
        using var server = Answering(500, string.Empty, contentType: string.Empty);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf<MiladyCloudInternalServerErrorException>());
        Assert.That(((MiladyCloudInternalServerErrorException)outcome!).IsRetryable, Is.True);
        Assert.That(((MiladyCloudInternalServerErrorException)outcome).RawBody, Is.Empty);
    }

    [Test]
    public async Task A_200_HTML_page_is_a_format_error_not_a_result()
    {
        const string page = "<!doctype html><html><body>Please sign in</body></html>";
        using var server = Answering(200, page, "text/html");
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(((MiladyCloudResponseFormatException)outcome!).RawBody, Is.EqualTo(page));
    }

    [Test]
    public async Task A_200_HTML_page_answering_a_stream_is_a_format_error_not_an_empty_stream()
    {
        const string page = "<!doctype html><html><body>Please sign in</body></html>";
        using var server = Answering(200, page, "text/html");
        using var client = Client(server);

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, []));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(((MiladyCloudResponseFormatException)outcome!).RawBody, Is.EqualTo(page));
    }

    [Test]
    public async Task A_200_success_false_JSON_answering_a_stream_is_the_typed_api_error()
    {
        using var server = Answering(200, """{"success":false,"error":"Insufficient credits","code":"insufficient_balance"}""");
        using var client = Client(server);

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, []));

        Assert.That(outcome, Is.TypeOf<MiladyCloudInsufficientCreditsException>());
    }

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    public async Task Compressed_JSON_is_decoded_and_compression_is_offered(string encoding)
    {
        RawRequest? seen = null;
        using var server = new RawServer(async c =>
        {
            seen = await c.ReadRequestAsync();
            await c.RespondAsync(200, Compress(Completion, encoding), "application/json", "Content-Encoding: " + encoding);
        });
        using var client = Client(server);

        var completion = await client.Chat.CreateAsync(ChatRequest()).WaitAsync(HangBound);

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("ok"));
        Assert.That(seen!.Headers["Accept-Encoding"], Does.Contain("gzip").And.Contain("br").And.Contain("deflate"));
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task A_compressed_stream_is_decoded_event_by_event(string encoding)
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n\r\n");
            await c.WriteAsync(Compress(ChatChunk("Hel") + ChatChunk("lo") + Done, encoding));
            c.Close();
        });
        using var client = Client(server);
        var received = new List<string?>();

        await ConnectionFaultTests.ReadContentAsync(client, received).WaitAsync(HangBound);

        Assert.That(received, Is.EqualTo(new[] { "Hel", "lo" }));
    }

    [Test]
    public async Task A_500_whose_body_is_cut_by_a_reset_is_still_a_connection_error_not_a_hang()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"error\":");
            c.Reset();
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
    }

    [TestCase("retry-after-ms: 1e300", "{}")]
    [TestCase("Retry-After: 2000000000", "{}")]
    [TestCase("X-RateLimit-Reset: 2999-01-01T00:00:00Z", "{}")]
    [TestCase("X-Unused: 1", """{"success":false,"error":"Too many requests","retryAfter":1e300}""")]
    [TestCase("X-Unused: 1", """{"success":false,"error":"Too many requests","retryAfter":"99999999999999 hours"}""")]
    public async Task A_429_asking_for_an_absurd_delay_fails_at_once_as_rate_limited(string header, string body)
    {
        var requests = 0;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                Interlocked.Increment(ref requests);
                await c.RespondAsync(429, body, "application/json", header);
            }
        });
        using var client = Client(server, o => o.MaxRetries = 3);

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf<MiladyCloudRateLimitedException>());
        Assert.That(((MiladyCloudRateLimitedException)outcome!).RetryAfter, Is.GreaterThan(TimeSpan.FromDays(365)));
        Assert.That(requests, Is.EqualTo(1), "not retried: the delay is beyond MaxRetryDelay");
    }

    internal static RawServer Answering(int status, string body, string contentType = "application/json")
        => new(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(status, body, contentType);
            }
        });

    private static byte[] Compress(string text, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
