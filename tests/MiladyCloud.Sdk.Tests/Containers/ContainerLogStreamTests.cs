using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Containers;

public class ContainerLogStreamTests
{
    [Test]
    public async Task StreamLogsAsync_yields_entries_in_order_types_errors_and_ignores_keepalives()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/containers/c-1/logs/stream").WithParam("level", "warn").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"2026-04-27T10:00:03.120Z\",\"level\":\"info\",\"message\":\"Server started\"}}\n\n" +
                ": keepalive\n\n" +
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"2026-04-27T10:00:02.900Z\",\"level\":\"warn\",\"message\":\"defaults\",\"metadata\":{\"module\":\"config\"}}}\n\n" +
                "data: {\"type\":\"error\",\"message\":\"AWS credentials not configured\"}\n\n"));

        var events = new List<MiladyCloud.Sdk.Models.ContainerLogStreamEvent>();
        await foreach (var item in api.Client.Containers.StreamLogsAsync("c-1", "warn"))
        {
            events.Add(item);
        }

        Assert.That(events, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(events[0].Type, Is.EqualTo("log"));
            Assert.That(events[0].Data!.Message, Is.EqualTo("Server started"));
            Assert.That(events[0].Data!.Level, Is.EqualTo("info"));
            Assert.That(events[0].Data!.Timestamp, Is.EqualTo("2026-04-27T10:00:03.120Z"));
            Assert.That(events[1].Data!.Metadata!["module"].ToString(), Is.EqualTo("config"));
            Assert.That(events[2].Type, Is.EqualTo("error"));
            Assert.That(events[2].Message, Is.EqualTo("AWS credentials not configured"));
            Assert.That(events[2].Data, Is.Null);
        });
    }

    [Test]
    public void StreamLogsAsync_rejects_unknown_level_before_sending()
    {
        using var api = new FakeApi();
        Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in api.Client.Containers.StreamLogsAsync("c-1", "verbose"))
            {
            }
        });
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
            await foreach (var item in client.Containers.StreamLogsAsync("c-1", cancellationToken: cts.Token))
            {
                received.Add(item.Data?.Message);
                await cts.CancelAsync();
            }
        });

        Assert.That(received, Is.EqualTo(new[] { "first" }));
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
