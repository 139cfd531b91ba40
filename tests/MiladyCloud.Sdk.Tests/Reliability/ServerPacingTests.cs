using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// How the SDK paces itself against what a server or proxy says about time: a server delay of zero never turns the
/// retries into a burst, keep-alive comments keep a slow stream open, and a server that refuses a large upload at once
/// is heard. Retry delays run on a fake clock: the test advances it, nothing sleeps.
/// </summary>
[Category("Faults")]
public class ServerPacingTests
{
    [TestCase("Retry-After: 0")]
    [TestCase("retry-after-ms: 0")]
    [TestCase("X-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 2026-01-15T11:59:00.000Z")]
    [TestCase("X-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 0")]
    public async Task A_429_asking_for_no_delay_still_waits_the_backoff_step_doubling_per_attempt(string header)
    {
        var requests = 0;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                if (Interlocked.Increment(ref requests) <= 3)
                {
                    await c.RespondAsync(429, """{"error":"Too many requests"}""", "application/json", header);
                }
                else
                {
                    await c.RespondAsync(200, ModelList);
                }
            }
        });
        var (client, clock, delays) = CorruptBodyTests.Retrying(server, maxRetries: 3);
        using var disposeClient = client;

        var call = client.Models.ListAsync(useCache: false);
        var scheduled = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var delay = await NextDelayAsync(delays);
            scheduled.Add(delay);
            Assert.That(requests, Is.EqualTo(attempt), "nothing is sent again before the delay has passed");
            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            await Task.Yield();
            Assert.That(requests, Is.EqualTo(attempt), "nothing is sent again before the delay has passed");
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var list = await call.WaitAsync(HangBound);

        Assert.That(list.Data, Has.Count.EqualTo(1));
        Assert.That(scheduled, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) }));
        Assert.That(requests, Is.EqualTo(4));
    }

    [Test]
    public async Task A_server_delay_longer_than_the_backoff_step_is_kept()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.RespondAsync(503, "{}", "application/json", "Retry-After: 7");
            await c.ReadRequestAsync();
            await c.RespondAsync(200, ModelList);
        });
        var (client, clock, delays) = CorruptBodyTests.Retrying(server);
        using var disposeClient = client;

        var call = client.Models.ListAsync(useCache: false);
        var delay = await NextDelayAsync(delays);
        clock.Advance(delay);
        await call.WaitAsync(HangBound);

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Keep_alive_comments_restart_the_idle_deadline_of_a_slow_stream()
    {
        var next = new SemaphoreSlim(0);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("Hel"));
            for (var i = 0; i < 8; i++)
            {
                await next.WaitAsync(c.Stopping);
                await c.WriteAsync(": keep-alive\n\n");
            }

            await next.WaitAsync(c.Stopping);
            await c.WriteAsync(ChatChunk("lo") + Done);
            c.Close();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.StreamIdleTimeout = TimeSpan.FromSeconds(10); });
        var received = new List<string?>();

        var reading = ConnectionFaultTests.ReadContentAsync(client, received);
        await ConnectionFaultTests.WaitUntilAsync(() => received.Count == 1);
        for (var i = 0; i < 8; i++)
        {
            // 8 × 3 s = 24 s without an event, but never 10 s without a line (even when a comment is late by two steps).
            next.Release();
            await Task.Delay(50);
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        next.Release();
        var outcome = await OutcomeAsync(reading);

        Assert.That(outcome, Is.Null);
        Assert.That(received, Is.EqualTo(new[] { "Hel", "lo" }));
    }

    [Test]
    public async Task Without_keep_alive_comments_the_same_silence_is_an_idle_timeout()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("Hel"));
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.StreamIdleTimeout = TimeSpan.FromSeconds(10); });
        var received = new List<string?>();

        var reading = ConnectionFaultTests.ReadContentAsync(client, received);
        await ConnectionFaultTests.WaitUntilAsync(() => received.Count == 1);
        await AdvanceUntilDoneAsync(clock, reading, TimeSpan.FromSeconds(4));
        var outcome = await OutcomeAsync(reading);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.StreamIdle));
    }

    [Test]
    public async Task An_early_413_to_a_large_upload_is_reported_as_the_servers_answer()
    {
        string? head = null;
        using var server = new RawServer(async c =>
        {
            // Rejects the upload from its headers and closes without reading the body, as a size-checking proxy does.
            head = await c.ReadHeadOnlyAsync();
            await c.RespondAsync(413, """{"error":"File too large","code":"payload_too_large"}""", "application/json", "Connection: close");
            c.Close();
        });
        using var client = Client(server);
        var file = KnowledgeFile.FromBytes(new byte[4 * 1024 * 1024], "big.txt", "text/plain");

        var outcome = await OutcomeAsync(client.Knowledge.UploadAsync([file]));

        Assert.That(outcome, Is.TypeOf<MiladyCloudApiException>(), outcome?.ToString());
        var error = (MiladyCloudApiException)outcome!;
        Assert.That((int)error.StatusCode, Is.EqualTo(413));
        Assert.That(error.ServerMessage, Is.EqualTo("File too large"));
        Assert.That(head, Does.Contain("Expect: 100-continue"));
    }

    [Test]
    public async Task A_small_request_body_is_sent_without_waiting_for_the_servers_go_ahead()
    {
        RawRequest? seen = null;
        using var server = new RawServer(async c =>
        {
            seen = await c.ReadRequestAsync();
            await c.RespondAsync(200, Completion);
        });
        using var client = Client(server);

        await client.Chat.CreateAsync(ChatRequest()).WaitAsync(HangBound);

        Assert.That(seen!.Headers.ContainsKey("Expect"), Is.False);
    }

    private static async Task<TimeSpan> NextDelayAsync(System.Collections.Concurrent.ConcurrentQueue<TimeSpan> delays)
    {
        for (var i = 0; i < 500; i++)
        {
            if (delays.TryDequeue(out var delay))
            {
                return delay;
            }

            await Task.Delay(10);
        }

        throw new AssertionException("no retry was scheduled");
    }
}
