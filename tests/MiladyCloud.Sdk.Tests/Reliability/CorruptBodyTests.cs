using System.Collections.Concurrent;
using System.Text;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// Bodies that cannot be decoded, and error bodies the retry rules must inspect: the decoder's own exceptions
/// (<see cref="InvalidDataException"/>, <see cref="InvalidOperationException"/>) never escape, and the error body the
/// retry check read is the one the final exception reports.
/// </summary>
[Category("Faults")]
public class CorruptBodyTests
{
    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    public async Task A_corrupt_compressed_JSON_body_is_a_format_error(string encoding)
    {
        using var server = Answering(200, Payloads.Corrupt(Completion, encoding), encoding);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(outcome!.Message, Does.Contain("could not be decoded").And.Contain("corrupt"));
    }

    [TestCase(400, "gzip", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(429, "br", typeof(MiladyCloudRateLimitedException))]
    [TestCase(500, "gzip", typeof(MiladyCloudInternalServerErrorException))]
    [TestCase(503, "br", typeof(MiladyCloudServiceUnavailableException))]
    public async Task A_corrupt_compressed_error_body_still_maps_by_status(int status, string encoding, Type expected)
    {
        using var server = Answering(status, Payloads.Corrupt("""{"error":"boom"}""", encoding), encoding);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.TypeOf(expected));
        Assert.That(((MiladyCloudApiException)outcome!).RawBody, Is.Null, "no text could be decoded");
    }

    [TestCase(429, "gzip")]
    [TestCase(503, "br")]
    [TestCase(500, "gzip")]
    public async Task A_retryable_error_with_a_corrupt_body_is_retried_and_the_last_answer_mapped(int status, string encoding)
    {
        var requests = 0;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                Interlocked.Increment(ref requests);
                await c.RespondAsync(status, Payloads.Corrupt("""{"error":"busy"}""", encoding), "application/json", "Content-Encoding: " + encoding);
            }
        });
        var (client, clock, delays) = Retrying(server);
        using var disposeClient = client;

        var call = client.Models.ListAsync(useCache: false);
        await AdvanceThroughRetriesAsync(clock, delays, call);
        var outcome = await OutcomeAsync(call);

        Assert.That(outcome, Is.InstanceOf<MiladyCloudApiException>());
        Assert.That((int)((MiladyCloudApiException)outcome!).StatusCode, Is.EqualTo(status));
        Assert.That(requests, Is.EqualTo(3));
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task A_stream_whose_compression_breaks_mid_way_is_a_format_error_after_the_events_before_it(string encoding)
    {
        var body = Payloads.Compress(ChatChunk("ok") + Noise(64 * 1024) + ChatChunk("later") + Done, encoding);
        var corruptFrom = body.Length / 2;
        for (var i = corruptFrom; i < body.Length - 8; i += 3)
        {
            body[i] ^= 0x5A;
        }

        var received = new List<string?>();
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n\r\n");
            await c.WriteAsync(body[..corruptFrom]);

            // A decoder that gets the corrupt half in the same read fails before handing out what it decoded (brotli does),
            // so the corrupt bytes follow only once the event before them was read, as they would from a real server.
            await ConnectionFaultTests.WaitUntilAsync(() => { lock (received) { return received.Count > 0; } });
            await c.WriteAsync(body[corruptFrom..]);
            c.Close();
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(outcome!.Message, Does.Contain("could not be decoded"));
        Assert.That(received, Is.EqualTo(new[] { "ok" }));
    }

    [TestCase(429)]
    [TestCase(503)]
    [TestCase(500)]
    public async Task A_retryable_error_with_a_chunked_body_over_256_KB_is_retried_and_its_final_answer_read(int status)
    {
        var requests = 0;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                Interlocked.Increment(ref requests);
                await c.WriteAsync($"HTTP/1.1 {status} Busy\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                await c.WriteChunkAsync(Encoding.ASCII.GetBytes("{\"error\":\"busy\",\"pad\":\""));
                for (var i = 0; i < 5; i++)
                {
                    await c.WriteChunkAsync(Payloads.Block('p'));
                }

                await c.WriteChunkAsync(Encoding.ASCII.GetBytes("\"}"));
                await c.WriteAsync("0\r\n\r\n");
            }
        });
        var (client, clock, delays) = Retrying(server);
        using var disposeClient = client;

        var call = client.Models.ListAsync(useCache: false);
        await AdvanceThroughRetriesAsync(clock, delays, call);
        var outcome = await OutcomeAsync(call);

        Assert.That(outcome, Is.InstanceOf<MiladyCloudApiException>());
        var error = (MiladyCloudApiException)outcome!;
        Assert.That((int)error.StatusCode, Is.EqualTo(status));
        Assert.That(error.RawBody, Does.StartWith("{\"error\":\"busy\",\"pad\":\"pppp"));
        Assert.That(error.RawBody, Has.Length.EqualTo(64 * 1024));
        Assert.That(requests, Is.EqualTo(3));
    }

    /// <summary>A client retrying twice on a fake clock, recording the delays it schedules.</summary>
    internal static (MiladyCloudClient Client, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, ConcurrentQueue<TimeSpan> Delays) Retrying(RawServer server, int maxRetries = 2)
    {
        var clock = Clock();
        var delays = new ConcurrentQueue<TimeSpan>();
        var client = Client(server, o =>
        {
            o.TimeProvider = clock;
            o.MaxRetries = maxRetries;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryScheduled = (_, delay) => delays.Enqueue(delay);
        });
        return (client, clock, delays);
    }

    /// <summary>Advances the fake clock by each delay the SDK schedules, as soon as it does, until the call ends (bounded).</summary>
    internal static async Task AdvanceThroughRetriesAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, ConcurrentQueue<TimeSpan> delays, Task call)
    {
        for (var i = 0; i < 500 && !call.IsCompleted; i++)
        {
            if (delays.TryDequeue(out var delay))
            {
                clock.Advance(delay);
            }
            else
            {
                await Task.Delay(10);
            }
        }
    }

    private static RawServer Answering(int status, byte[] body, string encoding)
        => new(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(status, body, "application/json", "Content-Encoding: " + encoding);
            }
        });

    /// <summary>Comment lines of pseudo-random letters: they compress poorly, so the corrupt half of the body comes after the first event.</summary>
    private static string Noise(int size)
    {
        var random = new Random(17);
        var text = new StringBuilder();
        while (text.Length < size)
        {
            text.Append(": ");
            for (var i = 0; i < 76; i++)
            {
                text.Append((char)('a' + random.Next(26)));
            }

            text.Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
