using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// An in-memory transport that fails the way a broken network or a hostile proxy makes the socket handler fail, with
/// the fuzz input as the failure's text: before any response (a refused or reset connection, an invalid status or
/// header line), or part-way through the body of a JSON answer or a stream. The first byte of the input picks where
/// and how; the rest is the text. Safe across threads.
/// </summary>
internal sealed class FailingTransportHandler(string mediaType) : HttpMessageHandler
{
    private static readonly AsyncLocal<byte[]?> Current = new();

    public static void Use(byte[] input) => Current.Value = input;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var input = Current.Value ?? [0];
        var text = Encoding.UTF8.GetString(input, 1, input.Length - 1);
        var failure = Failure(input[0], text);
        if (input[0] % 2 == 0)
        {
            throw failure;
        }

        // Headers arrived; the body breaks after its first bytes.
        var content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(mediaType == "text/event-stream" ? Reliability.Infrastructure.Faults.ChatChunk("ok") : "{\"id\":"), failure));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    /// <summary>The exception types the socket handler throws, nested as it nests them.</summary>
    private static Exception Failure(byte selector, string text) => (selector / 2 % 6) switch
    {
        0 => new HttpRequestException(HttpRequestError.InvalidResponse, text),
        1 => new HttpRequestException(HttpRequestError.ConnectionError, text, new SocketException((int)SocketError.ConnectionRefused)),
        2 => new HttpRequestException(HttpRequestError.Unknown, "Error while copying content to a stream.", new IOException(text, new SocketException((int)SocketError.ConnectionReset))),
        3 => new HttpIOException(HttpRequestError.ResponseEnded, text),
        4 => new IOException(text),
        _ => new HttpRequestException(text, new HttpIOException(HttpRequestError.InvalidResponse, text)),
    };

    /// <summary>Returns its bytes, then throws the failure on the next read.</summary>
    private sealed class BreakingStream(byte[] first, Exception failure) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_sent)
            {
                throw failure;
            }

            _sent = true;
            var count = Math.Min(buffer.Length, first.Length);
            first.AsSpan(0, count).CopyTo(buffer);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
