using System.Net;

namespace MiladyCloud.Sdk.Tests.Knowledge;

/// <summary>
/// Sends the request body into a sink that, at every write, notes how far the source stream had been read ahead of
/// what reached the wire: a body that was buffered first shows the whole file read before the first byte is written.
/// </summary>
internal sealed class StreamingProbeHandler(NonSeekableStream source, string responseJson) : HttpMessageHandler
{
    public NonSeekableStream Source { get; } = source;

    public long MaxReadAhead { get; private set; }

    public long BytesWritten { get; private set; }

    public long? ContentLength { get; private set; }

    public HttpRequestMessage? Request { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        ContentLength = request.Content!.Headers.ContentLength;
        var sink = new ProbeSink(this);
        await request.Content.CopyToAsync(sink, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(responseJson, System.Text.Encoding.UTF8, "application/json") };
    }

    private sealed class ProbeSink(StreamingProbeHandler owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Record(count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Record(count);
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Record(int count)
        {
            owner.MaxReadAhead = Math.Max(owner.MaxReadAhead, owner.Source.BytesRead - owner.BytesWritten);
            owner.BytesWritten += count;
        }
    }
}
