using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// The caller's token cancels at every point a fault can leave a call waiting: the outcome is always an
/// <see cref="OperationCanceledException"/>, at once, and the connection is let go.
/// </summary>
[Category("Faults")]
public class CancellationFaultTests
{
    [Test]
    public async Task Cancelling_while_waiting_for_the_headers_stops_at_once_and_closes_the_connection()
    {
        var requestRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            requestRead.SetResult();
            // A closed client shows up as the end of its request stream.
            if (await c.ReadRequestAsync() is null)
            {
                clientClosed.SetResult();
            }
        });
        using var client = Client(server);
        using var cancellation = new CancellationTokenSource();

        var call = client.Chat.CreateAsync(ChatRequest(), cancellation.Token);
        await requestRead.Task.WaitAsync(HangBound);
        await cancellation.CancelAsync();

        Assert.That(await OutcomeAsync(call), Is.InstanceOf<OperationCanceledException>());
        await clientClosed.Task.WaitAsync(HangBound);
    }

    [Test]
    public async Task Cancelling_while_a_JSON_body_stalls_stops_at_once()
    {
        var headersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{");
            headersSent.SetResult();
            await c.HoldAsync();
        });
        using var client = Client(server);
        using var cancellation = new CancellationTokenSource();

        var call = client.Chat.CreateAsync(ChatRequest(), cancellation.Token);
        await headersSent.Task.WaitAsync(HangBound);
        await cancellation.CancelAsync();

        Assert.That(await OutcomeAsync(call), Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Cancelling_before_the_first_event_stops_at_once()
    {
        var headersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            headersSent.SetResult();
            await c.HoldAsync();
        });
        using var client = Client(server);
        using var cancellation = new CancellationTokenSource();

        var reading = ConnectionFaultTests.ReadContentAsync(client, [], cancellation.Token);
        await headersSent.Task.WaitAsync(HangBound);
        await cancellation.CancelAsync();

        Assert.That(await OutcomeAsync(reading), Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Cancelling_mid_stream_keeps_the_delivered_items_and_closes_the_connection()
    {
        var clientClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("one"));
            try
            {
                // Keep writing until the client's close makes a write fail.
                for (var i = 0; i < 500; i++)
                {
                    await Task.Delay(10, c.Stopping);
                    await c.WriteAsync(": ping\n\n");
                }
            }
            catch (IOException)
            {
                clientClosed.SetResult();
            }
        });
        using var client = Client(server);
        using var cancellation = new CancellationTokenSource();
        var received = new List<string?>();

        var reading = Task.Run(async () =>
        {
            await foreach (var chunk in client.Chat.StreamAsync(ChatRequest(), cancellation.Token))
            {
                received.Add(chunk.Choices[0].Delta.Content);
                await cancellation.CancelAsync();
            }
        });

        Assert.That(await OutcomeAsync(reading), Is.InstanceOf<OperationCanceledException>());
        Assert.That(received, Is.EqualTo(new[] { "one" }));
        await clientClosed.Task.WaitAsync(HangBound);
    }

    [Test]
    public async Task Cancelling_while_connecting_to_a_refused_port_during_retries_stops_at_once()
    {
        using var client = Client(new Uri($"http://127.0.0.1:{RawServer.UnusedPort()}/api/v1/"), o =>
        {
            o.MaxRetries = 5;
            o.RetryBaseDelay = TimeSpan.FromSeconds(30);
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(await OutcomeAsync(client.Models.ListAsync(useCache: false, cancellation.Token)), Is.InstanceOf<OperationCanceledException>());
    }
}
