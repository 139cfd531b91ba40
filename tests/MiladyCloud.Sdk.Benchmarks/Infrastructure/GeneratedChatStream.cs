using System.Text;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// A chat stream of any length produced on the fly from a small cycle of chunks, so a 100,000-chunk body costs no
/// memory of its own and any growth of the heap during the read belongs to the reader.
/// </summary>
internal sealed class GeneratedChatStream(int chunks) : Stream
{
    private static readonly byte[][] Cycle = Enumerable.Range(0, 20).Select(i => Encoding.UTF8.GetBytes("data: " + Payloads.ChatChunk(i) + "\n\n")).ToArray();
    private static readonly byte[] Tail = Encoding.UTF8.GetBytes("data: " + Payloads.ChatFinalChunk + "\n\ndata: [DONE]\n\n");

    private int _next;
    private byte[]? _current;
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_current is null || _offset == _current.Length)
            {
                if (_next > chunks)
                {
                    break;
                }

                _current = _next == chunks ? Tail : Cycle[_next % Cycle.Length];
                _next++;
                _offset = 0;
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
