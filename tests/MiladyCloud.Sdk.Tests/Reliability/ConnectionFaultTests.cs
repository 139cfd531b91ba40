using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// Connection-level faults on a raw loopback socket: each has one documented outcome and none hangs
/// (docs/reliability.md lists them).
/// </summary>
[Category("Faults")]
public class ConnectionFaultTests
{
    /// <summary>The headers of a model list and the first 20 bytes of its body; the rest never comes.</summary>
    private static readonly string ModelListCutShort = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {ModelList.Length}\r\n\r\n" + ModelList[..20];

    [Test]
    public async Task A_refused_connection_is_a_connection_error_that_was_never_sent()
    {
        using var client = Client(new Uri($"http://127.0.0.1:{RawServer.UnusedPort()}/api/v1/"));

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(((MiladyCloudConnectionException)outcome!).RequestNeverSent, Is.True);
    }

    [Test]
    public async Task A_reset_before_the_headers_is_a_connection_error_that_may_have_been_sent()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            c.Reset();
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(((MiladyCloudConnectionException)outcome!).RequestNeverSent, Is.False);
    }

    [Test]
    public async Task A_GET_reset_before_the_headers_is_retried_on_a_new_connection()
    {
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            if (Interlocked.Increment(ref attempts) == 1)
            {
                c.Reset();
                return;
            }

            await c.RespondAsync(200, ModelList);
        });
        using var client = Client(server, o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });

        var list = await client.Models.ListAsync(useCache: false).WaitAsync(HangBound);

        Assert.That(list.Data.Single().Id, Is.EqualTo("openai/gpt-5.4"));
        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(server.AcceptedConnections, Is.EqualTo(2));
    }

    [Test]
    public async Task A_credit_consuming_POST_reset_before_the_headers_is_not_sent_twice()
    {
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            Interlocked.Increment(ref attempts);
            c.Reset();
        });
        using var client = Client(server, o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(attempts, Is.EqualTo(1), "the server may already have billed the work");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_JSON_body_cut_short_is_a_connection_error(bool reset)
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n" + Completion[..60]);
            if (reset)
            {
                c.Reset();
            }
            else
            {
                c.Close();
            }
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_GET_body_cut_short_is_retried_and_the_second_answer_returned(bool reset)
    {
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            if (Interlocked.Increment(ref attempts) > 1)
            {
                await c.RespondAsync(200, ModelList);
                return;
            }

            await c.WriteAsync(ModelListCutShort);
            if (reset)
            {
                c.Reset();
            }
            else
            {
                c.Close();
            }
        });
        using var client = Client(server, o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });

        var list = await client.Models.ListAsync(useCache: false).WaitAsync(HangBound);

        Assert.That(list.Data.Single().Id, Is.EqualTo("openai/gpt-5.4"));
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_credit_consuming_body_cut_short_is_not_sent_again_and_says_the_read_broke()
    {
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            Interlocked.Increment(ref attempts);
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n" + Completion[..60]);
            c.Reset();
        });
        using var client = Client(server, o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(((MiladyCloudConnectionException)outcome!).RequestNeverSent, Is.False);
        Assert.That(outcome.Message, Does.Contain("broke while the response to POST /api/v1/chat/completions was being read"));
        Assert.That(attempts, Is.EqualTo(1), "the server may already have billed the work");
    }

    [Test]
    public async Task A_GET_whose_body_stalls_is_retried_after_the_attempt_timeout()
    {
        var attempts = 0;
        var firstHeadersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            if (Interlocked.Increment(ref attempts) > 1)
            {
                await c.RespondAsync(200, ModelList);
                return;
            }

            await c.WriteAsync(ModelListCutShort);
            firstHeadersSent.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.NetworkTimeout = TimeSpan.FromSeconds(10); o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromSeconds(1); });

        var call = client.Models.ListAsync(useCache: false);
        await firstHeadersSent.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, call, TimeSpan.FromSeconds(1));
        var list = await call.WaitAsync(HangBound);

        Assert.That(list.Data.Single().Id, Is.EqualTo("openai/gpt-5.4"));
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_body_that_stalls_on_every_attempt_is_a_response_body_timeout()
    {
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            Interlocked.Increment(ref attempts);
            await c.WriteAsync(ModelListCutShort);
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.NetworkTimeout = TimeSpan.FromSeconds(10); o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromSeconds(1); });

        var call = client.Models.ListAsync(useCache: false);
        await AdvanceUntilDoneAsync(clock, call, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(call);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseBody));
        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_stream_reset_after_its_first_event_is_incomplete_and_keeps_what_arrived()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("Hello"));
            await Task.Delay(50);
            c.Reset();
        });
        using var client = Client(server);
        var received = new List<string?>();

        var outcome = await OutcomeAsync(ReadContentAsync(client, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudStreamIncompleteException>());
        Assert.That(((MiladyCloudStreamIncompleteException)outcome!).ItemsReceived, Is.EqualTo(1));
        Assert.That(outcome.InnerException, Is.InstanceOf<IOException>().Or.InstanceOf<HttpRequestException>());
        Assert.That(received, Is.EqualTo(new[] { "Hello" }));
    }

    [Test]
    public async Task A_stream_closed_cleanly_without_DONE_is_incomplete()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("Hello") + ChatChunk(" there"));
            c.Close();
        });
        using var client = Client(server);
        var received = new List<string?>();

        var outcome = await OutcomeAsync(ReadContentAsync(client, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudStreamIncompleteException>());
        Assert.That(outcome!.InnerException, Is.Null);
        Assert.That(received, Is.EqualTo(new[] { "Hello", " there" }));
    }

    [Test]
    public async Task Silence_after_the_JSON_headers_is_a_response_body_timeout()
    {
        var headersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":");
            headersSent.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.NetworkTimeout = TimeSpan.FromSeconds(10); });

        var call = client.Chat.CreateAsync(ChatRequest());
        await headersSent.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, call, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(call);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseBody));
        Assert.That(((MiladyCloudTimeoutException)outcome).Timeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Silence_after_the_stream_headers_is_a_first_event_timeout()
    {
        var headersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            headersSent.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.StreamFirstEventTimeout = TimeSpan.FromSeconds(20); });

        var reading = ReadContentAsync(client, []);
        await headersSent.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, reading, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(reading);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.FirstStreamEvent));
    }

    [Test]
    public async Task Silence_after_a_stream_event_is_an_idle_timeout()
    {
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("Hello"));
            firstSent.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.StreamIdleTimeout = TimeSpan.FromSeconds(15); });
        var received = new List<string?>();

        var reading = ReadContentAsync(client, received);
        await firstSent.Task.WaitAsync(HangBound);
        await WaitUntilAsync(() => received.Count == 1);
        await AdvanceUntilDoneAsync(clock, reading, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(reading);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.StreamIdle));
        Assert.That(((MiladyCloudTimeoutException)outcome).Timeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public async Task A_first_byte_later_than_NetworkTimeout_is_a_response_headers_timeout()
    {
        var requestRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            requestRead.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.NetworkTimeout = TimeSpan.FromSeconds(10); });

        var call = client.Chat.CreateAsync(ChatRequest());
        await requestRead.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, call, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(call);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseHeaders));
    }

    [Test]
    public async Task A_stream_whose_headers_come_later_than_its_first_event_deadline_is_a_first_event_timeout()
    {
        var requestRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            requestRead.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(server, o => { o.TimeProvider = clock; o.StreamFirstEventTimeout = TimeSpan.FromSeconds(5); });

        var reading = ReadContentAsync(client, []);
        await requestRead.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, reading, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(reading);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.FirstStreamEvent));
    }

    internal static async Task ReadContentAsync(MiladyCloudClient client, List<string?> received, CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in client.Chat.StreamAsync(ChatRequest(), cancellationToken))
        {
            lock (received)
            {
                received.Add(chunk.Choices[0].Delta.Content);
            }
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, "the condition was not reached in time");
    }
}
