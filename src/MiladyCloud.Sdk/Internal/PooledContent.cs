using System.Buffers;
using System.Net;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// A response body already read into one pooled buffer. JSON is deserialized straight from <see cref="Span"/>, so a
/// large body is neither copied into a fresh array (large-object heap) by HttpClient nor copied again for parsing.
/// The buffer returns to the pool when the response is disposed.
/// </summary>
internal sealed class PooledContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledContent(byte[] buffer, int length, HttpContent original)
    {
        _buffer = buffer;
        _length = length;
        foreach (var header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Headers.ContentLength = length;
    }

    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(PooledContent))).AsSpan(0, _length);

    /// <summary>Reads <paramref name="original"/> whole, then disposes it (its connection goes back to the pool).</summary>
    public static async Task<PooledContent> ReadAsync(HttpContent original, CancellationToken cancellationToken)
    {
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var body = await PooledBody.ReadAsync(stream, original.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            var (buffer, length) = body.Detach();
            var content = new PooledContent(buffer, length, original);
            original.Dispose();
            return content;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(Memory()).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => stream.WriteAsync(Memory(), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => stream.Write(Span);

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromResult<Stream>(new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(PooledContent)), 0, _length, writable: false));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
        => new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(PooledContent)), 0, _length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private ReadOnlyMemory<byte> Memory() => (_buffer ?? throw new ObjectDisposedException(nameof(PooledContent))).AsMemory(0, _length);
}
