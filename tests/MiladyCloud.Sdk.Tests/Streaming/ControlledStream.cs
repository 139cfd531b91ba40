using System.Text;
using System.Threading.Channels;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>
/// A response body the test writes piece by piece (or lets a generator produce lazily), that can fail like a broken
/// connection and that records whether the SDK disposed it.
/// </summary>
internal sealed class ControlledStream : Stream
{
    private readonly Channel<byte[]> _pieces = Channel.CreateUnbounded<byte[]>();
    private readonly IEnumerator<string>? _generator;
    private byte[] _current = [];
    private int _offset;

    public ControlledStream(IEnumerable<string>? generator = null) => _generator = generator?.GetEnumerator();

    public bool Disposed { get; private set; }

    /// <summary>How many generator items were produced so far (lazily, as the reader asks).</summary>
    public int Produced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Write(string text) => _pieces.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

    public void End() => _pieces.Writer.TryComplete();

    public void Break() => _pieces.Writer.TryComplete(new IOException("connection reset by peer"));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _current.Length)
        {
            if (_generator is not null)
            {
                if (!_generator.MoveNext())
                {
                    return 0;
                }

                Produced++;
                _current = Encoding.UTF8.GetBytes(_generator.Current);
                _offset = 0;
                continue;
            }

            if (!await _pieces.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            _current = await _pieces.Reader.ReadAsync(cancellationToken);
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        _pieces.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
