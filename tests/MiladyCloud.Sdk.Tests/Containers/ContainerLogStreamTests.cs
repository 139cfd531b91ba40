using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Containers;

public class ContainerLogStreamTests
{
    [Test]
    public void StreamLogsAsync_yields_entries_in_order_types_errors_and_ignores_keepalives()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs/stream").WithParam("level", "warn").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"2026-04-27T10:00:03.120Z\",\"level\":\"info\",\"message\":\"Server started\"}}\n\n" +
                ": keepalive\n\n" +
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"2026-04-27T10:00:02.900Z\",\"level\":\"warn\",\"message\":\"defaults\",\"metadata\":{\"module\":\"config\"}}}\n\n" +
                "data: {\"type\":\"error\",\"message\":\"AWS credentials not configured\"}\n\n"));

        var events = new List<ContainerLogStreamEvent>();
        var thrown = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(async () =>
        {
            await foreach (var item in api.Client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", "warn"))
            {
                events.Add(item);
            }
        });

        Assert.That(events, Has.Count.EqualTo(3));
        var first = (ContainerLogLineEvent)events[0];
        var second = (ContainerLogLineEvent)events[1];
        var error = (ContainerLogErrorEvent)events[2];
        Assert.Multiple(() =>
        {
            Assert.That(first.Type, Is.EqualTo("log"));
            Assert.That(first.Data.Message?.Text, Is.EqualTo("Server started"));
            Assert.That(first.Data.Level, Is.EqualTo("info"));
            Assert.That(first.Data.Timestamp, Is.EqualTo("2026-04-27T10:00:03.120Z"));
            Assert.That(second.Data.Message?.Text, Is.EqualTo("defaults"));
            Assert.That(second.Data.Metadata!["module"].GetString(), Is.EqualTo("config"));
            Assert.That(error.Type, Is.EqualTo("error"));
            Assert.That(error.Message, Is.EqualTo("AWS credentials not configured"));
            Assert.That(thrown!.ItemsReceived, Is.EqualTo(3), "the server closing a stream it never ends is reported, not swallowed");
        });
        var request = api.SingleRequest().RequestMessage!;
        Assert.That(request.Headers!["Accept"].Single(), Is.EqualTo("text/event-stream"));
        Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
    }

    [Test]
    public async Task An_event_of_an_unknown_kind_is_kept_as_the_base_type()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs/stream").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody("data: {\"type\":\"heartbeat\",\"at\":1}\n\n"));

        var events = new List<ContainerLogStreamEvent>();
        Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(async () =>
        {
            await foreach (var item in api.Client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"))
            {
                events.Add(item);
            }
        });

        Assert.That(events.Single().GetType(), Is.EqualTo(typeof(ContainerLogStreamEvent)));
        Assert.That(events.Single().Type, Is.EqualTo("heartbeat"));
        await Task.CompletedTask;
    }

    [Test]
    public void Errors_before_the_stream_are_typed()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs/stream").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("{\"success\":false,\"error\":\"Container not found\"}"));

        var ex = Assert.ThrowsAsync<MiladyCloudNotFoundException>(async () =>
        {
            await foreach (var _ in api.Client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"))
            {
            }
        });
        Assert.That(ex!.Message, Does.Contain("Container not found"));
    }

    [Test]
    public void StreamLogsAsync_rejects_unknown_level_before_sending()
    {
        using var api = new FakeApi();
        Assert.Throws<ArgumentException>(() => api.Client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", "verbose"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Cancelling_the_stream_closes_the_connection()
    {
        var body = new EndlessStream("data: {\"type\":\"log\",\"data\":{\"message\":\"first\"}}\n\n"u8.ToArray());
        var handler = new StreamHandler(body);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });
        using var cts = new CancellationTokenSource();

        var received = new List<string?>();
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", cancellationToken: cts.Token))
            {
                received.Add(((ContainerLogLineEvent)item).Data.Message);
                await cts.CancelAsync();
            }
        });

        Assert.That(received, Is.EqualTo(new[] { "first" }));
        Assert.That(body.Disposed, Is.True);
    }

    [Test]
    public async Task Long_silences_do_not_time_the_stream_out()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var body = new EndlessStream("data: {\"type\":\"log\",\"data\":{\"message\":\"first\"}}\n\n"u8.ToArray());
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, TimeProvider = clock, StreamIdleTimeout = TimeSpan.FromSeconds(1), StreamFirstEventTimeout = TimeSpan.FromSeconds(1) };
        using var client = new MiladyCloudClient(new HttpClient(new StreamHandler(body)), options);
        using var cts = new CancellationTokenSource();
        await using var events = client.Containers.StreamLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01").GetAsyncEnumerator(cts.Token);

        Assert.That(await events.MoveNextAsync(), Is.True);
        var next = events.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(50);
        Assert.That(next.IsCompleted, Is.False, "a silent log stream must stay open");

        await cts.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => next);
        Assert.That(body.Disposed, Is.True);
    }

    private sealed class StreamHandler(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body), RequestMessage = request });
    }

    /// <summary>Sends one event, then blocks like a server that never ends the stream, until cancelled.</summary>
    private sealed class EndlessStream(byte[] first) : Stream
    {
        private bool _sent;

        public bool Disposed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                first.CopyTo(buffer);
                return first.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
