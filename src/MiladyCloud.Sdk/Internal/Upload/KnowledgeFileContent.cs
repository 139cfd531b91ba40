using System.Buffers;
using System.Net;

namespace MiladyCloud.Sdk.Internal.Upload;

/// <summary>
/// The body of one uploaded file: copies exactly the declared number of bytes from its source to the connection in
/// small chunks, so a file is never held in memory. Its length is known up front, so the whole multipart body gets a
/// Content-Length (progress can report a total) and a source that delivers a different number of bytes than was
/// checked against the limits is refused instead of slipping past them.
/// </summary>
internal sealed class KnowledgeFileContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;
    private readonly Func<Stream> _open;
    private readonly bool _ownsStream;
    private readonly long _length;
    private readonly string _fileName;
    private readonly long? _rewindTo;
    private bool _consumed;

    /// <param name="open">Opens the source; called once per send.</param>
    /// <param name="ownsStream">Whether the opened stream is the SDK's to dispose (a file it opened) or the caller's.</param>
    /// <param name="length">The exact number of bytes the source delivers.</param>
    /// <param name="fileName">The file name, for error messages.</param>
    /// <param name="rewindTo">For a caller's seekable stream: where to seek before each send, so a retry sends the same bytes.</param>
    public KnowledgeFileContent(Func<Stream> open, bool ownsStream, long length, string fileName, long? rewindTo)
    {
        _open = open;
        _ownsStream = ownsStream;
        _length = length;
        _fileName = fileName;
        _rewindTo = rewindTo;
    }

    /// <summary>Whether this body can be sent again after a failed attempt (false for a caller's non-seekable stream).</summary>
    public bool CanResend => _ownsStream || _rewindTo is not null;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = OpenSource();
        try
        {
            await CopyExactlyAsync(source, stream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_ownsStream)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    private Stream OpenSource()
    {
        if (!CanResend && _consumed)
        {
            throw new InvalidOperationException($"The stream of '{_fileName}' cannot seek, so it can be sent only once.");
        }

        _consumed = true;
        var source = _open();
        if (_rewindTo is { } position)
        {
            source.Position = position;
        }

        return source;
    }

    private async Task CopyExactlyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var remaining = _length;
            while (remaining > 0)
            {
                // Checked per chunk as well: not every source or connection stream observes the token itself.
                cancellationToken.ThrowIfCancellationRequested();
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException($"'{_fileName}' ended after {_length - remaining} of the {_length} bytes it was described with.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }

            // One more read proves the source is not longer than described (and so not over the checked limits).
            if (await source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new InvalidOperationException($"'{_fileName}' delivers more than the {_length} bytes it was described with; the upload limits were checked against that size.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
