namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The read side of a binary answer read as it arrives (text-to-speech audio): a forward-only stream over the response
/// body that waits for the server under the stream deadlines (the first bytes within
/// <see cref="MiladyCloudClientOptions.StreamFirstEventTimeout"/>, then no silence longer than
/// <see cref="MiladyCloudClientOptions.StreamIdleTimeout"/>, on the SDK's clock) and turns every failed read into
/// the SDK's exceptions with the credentials masked: a broken connection is a <see cref="MiladyCloudConnectionException"/>,
/// a compressed body that cannot be decoded a <see cref="MiladyCloudResponseFormatException"/>. It does not bound how
/// much is read: the caller reads what it wants. Disposing it disposes the response and the request.
/// </summary>
internal sealed class AudioBodyStream : Stream
{
    private readonly Stream _body;
    private readonly HttpResponseMessage _response;
    private readonly HttpRequestMessage _request;
    private readonly MiladyCloudClientOptions _options;
    private long _read;
    private bool _disposed;

    public AudioBodyStream(Stream body, HttpResponseMessage response, HttpRequestMessage request, MiladyCloudClientOptions options)
    {
        _body = body;
        _response = response;
        _request = request;
        _options = options;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The audio arrives as it is generated; its length is not known in advance.");

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var timeout = _read == 0 ? _options.StreamFirstEventTimeout : _options.StreamIdleTimeout;
        var kind = _read == 0 ? MiladyCloudTimeoutKind.FirstStreamEvent : MiladyCloudTimeoutKind.StreamIdle;
        using var deadline = new TimedCancellation(timeout, _options.TimeProvider, cancellationToken);
        try
        {
            var read = await _body.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
            _read += read;
            return read;
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(kind, timeout, ex);
        }
        catch (Exception ex) when (BodyDecoding.IsCorruptBody(ex))
        {
            // The handler's gzip, deflate or brotli decoder met bytes it cannot decode: its own exception types
            // (InvalidDataException, InvalidOperationException) must not reach the caller, and reading on would not help.
            throw new SecretScrubber(_options).Scrub(BodyDecoding.CorruptBody($"The text-to-speech audio (after {_read} bytes)", ex));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The transport's text may quote the server's bytes (an invalid chunk header, for one).
            throw new MiladyCloudConnectionException(
                new SecretScrubber(_options).Scrub($"The connection broke after {_read} bytes of audio: {ex.Message}"),
                new SecretScrubber(_options).Scrub(ex));
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _body.Dispose();
            _response.Dispose();
            _request.Dispose();
        }

        base.Dispose(disposing);
    }
}
