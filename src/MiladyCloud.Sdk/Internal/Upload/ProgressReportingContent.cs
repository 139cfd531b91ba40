using System.Net;

namespace MiladyCloud.Sdk.Internal.Upload;

/// <summary>
/// Wraps request content and reports the bytes written to the connection, so callers can show upload progress
/// without the body being buffered first.
/// </summary>
internal sealed class ProgressReportingContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly IProgress<UploadProgress> _progress;

    public ProgressReportingContent(HttpContent inner, IProgress<UploadProgress> progress)
    {
        _inner = inner;
        _progress = progress;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var total = _inner.Headers.ContentLength;
        _progress.Report(new UploadProgress(0, total));
        var counting = new ProgressReportingStream(stream, sent => _progress.Report(new UploadProgress(sent, total)));
        await _inner.CopyToAsync(counting, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
