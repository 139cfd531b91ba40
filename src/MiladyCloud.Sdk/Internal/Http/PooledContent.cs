using System.Buffers;
using System.Net;
using System.Text;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// A response body already read into pooled segments. JSON is deserialized straight from them in one synchronous pass
/// (a body of one segment, the usual case, as a plain span), so a large body is neither copied into a fresh array
/// (large-object heap) by HttpClient nor re-buffered by the asynchronous deserializer. Segments grow as bytes arrive
/// and are never copied into a larger array, so a body costs its own size plus at most one segment, and reading stops
/// at a limit: whatever the server declares or sends, memory stays bounded. The segments return to the pool when the
/// response is disposed.
/// </summary>
internal sealed class PooledContent : HttpContent
{
    /// <summary>The first segment when the length is unknown: most answers of this API fit.</summary>
    private const int FirstSegment = 16 * 1024;

    /// <summary>The largest segment: a declared length never sizes a buffer beyond it, and growth stops doubling there.</summary>
    private const int MaxSegment = 1024 * 1024;

    private readonly PooledSegment? _first;
    private readonly PooledSegment? _last;
    private DecodedText? _text;
    private int _disposed;

    private PooledContent(PooledSegment? first, PooledSegment? last, HttpContent? original)
    {
        _first = first;
        _last = last;
        if (original is not null)
        {
            // The raw values, as received: enumerating Headers itself would parse each one and build an array per header.
            foreach (var header in original.Headers.NonValidated)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var value in header.Value)
                    {
                        Headers.TryAddWithoutValidation(header.Key, value);
                    }
                }
            }
        }

        Headers.ContentLength = Length;
    }

    /// <summary>The number of body bytes held.</summary>
    public long Length => _last is null ? 0 : _last.RunningIndex + _last.Length;

    /// <summary>True when the whole body is one span (see <see cref="FirstSpan"/>).</summary>
    public bool IsSingleSegment => ReferenceEquals(_first, _last);

    /// <summary>The body when it is one segment; the start of it otherwise.</summary>
    public ReadOnlySpan<byte> FirstSpan => Guard() is { } first ? first.Memory.Span : default;

    /// <summary>The whole body.</summary>
    public ReadOnlySequence<byte> Sequence
        => Guard() is { } first ? new ReadOnlySequence<byte>(first, 0, _last!, _last!.Length) : ReadOnlySequence<byte>.Empty;

    /// <summary>Only the start of the body was kept (an error body beyond its cap).</summary>
    public bool Truncated { get; private init; }

    /// <summary>The body could not be read or decoded; there is no text to report.</summary>
    public bool Unreadable { get; private init; }

    /// <summary>
    /// Reads <paramref name="original"/> whole, at most <paramref name="limit"/> bytes, then disposes it (its connection
    /// goes back to the pool). Past the limit: <see cref="MiladyCloudResponseTooLargeException"/>; a body that cannot be
    /// decoded: <see cref="MiladyCloudResponseFormatException"/>; a broken connection: the transport's exception.
    /// </summary>
    public static Task<PooledContent> ReadAsync(HttpContent original, long limit, string what, CancellationToken cancellationToken)
        => ReadCoreAsync(original, limit, what, keepPrefix: false, cancellationToken);

    /// <summary>
    /// Reads at most the first <paramref name="maxBytes"/> bytes (an error body: only its start is ever reported) and
    /// disposes <paramref name="original"/>, dropping the rest. A body that cannot be decoded is kept as
    /// <see cref="Unreadable"/> (the status still says what happened); a broken connection throws.
    /// </summary>
    public static async Task<PooledContent> ReadPrefixAsync(HttpContent original, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(original, maxBytes, "The response", keepPrefix: true, cancellationToken).ConfigureAwait(false);
        }
        catch (MiladyCloudResponseFormatException)
        {
            return CreateUnreadable(original);
        }
        finally
        {
            original.Dispose();
        }
    }

    /// <summary>An empty body that reports it could not be read, so no later reader tries the spent stream again.</summary>
    public static PooledContent CreateUnreadable(HttpContent? original = null) => new(null, null, original) { Unreadable = true };

    /// <summary>The body as text, at most <paramref name="maxChars"/> characters; <see langword="null"/> when it could not be read.</summary>
    /// <remarks>
    /// Decoded once: the retry rules, the rate-limit reporter and the error mapping each ask for the same start of an
    /// error body, on every attempt of a retried call, and each copy would cost the text again.
    /// </remarks>
    public string? Text(int maxChars)
    {
        if (Unreadable)
        {
            return null;
        }

        if (_text is { } decoded && decoded.MaxChars == maxChars)
        {
            return decoded.Text;
        }

        var text = Decode(Sequence, maxChars);
        _text = new DecodedText(maxChars, text);
        return text;
    }

    /// <summary>
    /// The first <paramref name="maxChars"/> characters of the UTF-8 <paramref name="bytes"/>, decoded straight into a
    /// buffer of that size: decoding every byte that might be needed first would build a string up to three times larger.
    /// </summary>
    private static string Decode(ReadOnlySequence<byte> bytes, int maxChars)
    {
        // A UTF-16 character never takes more than three UTF-8 bytes (a surrogate pair takes four for two).
        var prefix = bytes.Length > 3L * maxChars ? bytes.Slice(0, 3L * maxChars) : bytes;
        if (prefix.Length <= maxChars)
        {
            return Encoding.UTF8.GetString(prefix);
        }

        // One character of slack, so a surrogate pair always fits (the decoder refuses a buffer too small for its next
        // character); the text is cut to maxChars afterwards, as before.
        var chars = ArrayPool<char>.Shared.Rent(maxChars + 1);
        try
        {
            var decoder = Encoding.UTF8.GetDecoder();
            var written = 0;
            foreach (var segment in prefix)
            {
                var span = segment.Span;
                while (!span.IsEmpty && written < maxChars)
                {
                    decoder.Convert(span, chars.AsSpan(written, maxChars + 1 - written), flush: false, out var bytesUsed, out var charsUsed, out _);
                    written += charsUsed;
                    span = span[bytesUsed..];
                    if (bytesUsed == 0 && charsUsed == 0)
                    {
                        // Cannot happen with room for a pair; never loop on it.
                        break;
                    }
                }

                if (written >= maxChars)
                {
                    break;
                }
            }

            if (written < maxChars)
            {
                // Bytes of an unfinished character at the end become U+FFFD, as a whole decode does.
                decoder.Convert([], chars.AsSpan(written, maxChars + 1 - written), flush: true, out _, out var charsUsed, out _);
                written += charsUsed;
            }

            return new string(chars, 0, Math.Min(written, maxChars));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// One pass over the body into segments, never more than one byte past <paramref name="limit"/>: that byte is enough
    /// to know the body is too large. Past the limit, either the start is kept (<paramref name="keepPrefix"/>) or the
    /// read fails.
    /// </summary>
    private static async Task<PooledContent> ReadCoreAsync(HttpContent original, long limit, string what, bool keepPrefix, CancellationToken cancellationToken)
    {
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var first = new PooledSegment(FirstSize(original.Headers.ContentLength, limit), null);
            var last = first;
            long total = 0;
            try
            {
                while (true)
                {
                    if (last.Free == 0)
                    {
                        last = new PooledSegment((int)Math.Min(Math.Min(last.Array.Length * 2L, MaxSegment), limit + 1 - total), last);
                    }

                    int read;
                    try
                    {
                        read = await stream.ReadAsync(last.FreeMemory[..(int)Math.Min(last.Free, limit + 1 - total)], cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (BodyDecoding.IsCorruptBody(ex))
                    {
                        throw BodyDecoding.CorruptBody(what, ex);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    last.Advance(read);
                    total += read;
                    if (total > limit)
                    {
                        last.Advance(-1);
                        return keepPrefix ? new PooledContent(first, last, original) { Truncated = true } : throw BodyDecoding.TooLarge(what, limit);
                    }
                }
            }
            catch
            {
                ReturnAll(first);
                throw;
            }

            var content = new PooledContent(first, last, original);
            original.Dispose();
            return content;
        }
    }

    /// <summary>A declared length sizes the first segment only up to <see cref="MaxSegment"/>: it may be a lie.</summary>
    private static int FirstSize(long? declared, long limit)
    {
        var size = declared is > 0 ? Math.Min(declared.Value + 1, MaxSegment) : FirstSegment;
        return (int)Math.Max(1, Math.Min(size, limit + 1));
    }

    private static void ReturnAll(PooledSegment? segment)
    {
        for (; segment is not null; segment = (PooledSegment?)segment.Next)
        {
            segment.Return();
        }
    }

    private PooledSegment? Guard() => Volatile.Read(ref _disposed) == 1 ? throw new ObjectDisposedException(nameof(PooledContent)) : _first;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in Sequence)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in Sequence)
        {
            stream.Write(segment.Span);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromResult(CreateContentReadStream(CancellationToken.None));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
        => IsSingleSegment && Guard() is { } only
            ? new MemoryStream(only.Array, 0, only.Length, writable: false)
            : new SequenceReadStream(Sequence);

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReturnAll(_first);
        }

        base.Dispose(disposing);
    }

    /// <summary>A decoded start of the body, kept as one reference so a reader on another thread sees both values or none.</summary>
    private sealed record DecodedText(int MaxChars, string Text);
}
