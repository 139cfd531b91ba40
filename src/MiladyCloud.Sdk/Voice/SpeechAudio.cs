namespace MiladyCloud.Sdk;

/// <summary>
/// The audio of a text-to-speech call, read as the server generates it: <see cref="Content"/> is a forward-only stream
/// over the response body, never buffered whole by the SDK. Read it, copy it (<see cref="CopyToAsync"/>) or save it
/// (<see cref="SaveToAsync"/>) once, then dispose this object to free the connection (disposing early abandons the
/// rest of the audio; it has been paid for already).
/// </summary>
/// <remarks>
/// Reads wait under <see cref="MiladyCloudClientOptions.StreamFirstEventTimeout"/> for the first bytes and
/// <see cref="MiladyCloudClientOptions.StreamIdleTimeout"/> between later ones; a connection that breaks midway throws
/// <see cref="MiladyCloudConnectionException"/>, and a compressed body that cannot be decoded
/// <see cref="MiladyCloudResponseFormatException"/>. The SDK sets no size limit on it: you decide how much to read
/// (<see cref="MiladyCloudClientOptions.MaxResponseBytes"/> bounds only what the SDK itself holds). The public
/// constructor lets tests and mocks build one over any stream.
/// </remarks>
public sealed class SpeechAudio : IAsyncDisposable, IDisposable
{
    private const int CopyBufferSize = 64 * 1024;

    /// <summary>Wraps a stream of audio (for tests and mocks of <see cref="VoiceClient"/>); disposing this disposes the stream.</summary>
    /// <param name="content">The audio bytes.</param>
    /// <param name="contentType">Their media type, such as <c>audio/mpeg</c>.</param>
    /// <param name="contentLength">Their length when known.</param>
    public SpeechAudio(Stream content, string contentType, long? contentLength = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        Content = content;
        ContentType = contentType;
        ContentLength = contentLength;
    }

    /// <summary>The audio, forward only. It can be read once.</summary>
    public Stream Content { get; }

    /// <summary>The media type the server declared, such as <c>audio/mpeg</c> (MP3; the service's format unless its deployment configures another).</summary>
    public string ContentType { get; }

    /// <summary>The length in bytes, or <see langword="null"/> when the server does not say (it streams the audio chunked, so usually null).</summary>
    public long? ContentLength { get; }

    /// <summary>The usual file extension of <see cref="ContentType"/> with its dot (<c>.mp3</c>, <c>.wav</c> …), or <c>.bin</c> when unknown.</summary>
    public string FileExtension => VoiceLimits.BaseType(ContentType).ToLowerInvariant() switch
    {
        "audio/mpeg" or "audio/mp3" => ".mp3",
        "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
        "audio/ogg" or "audio/opus" => ".ogg",
        "audio/webm" => ".webm",
        "audio/mp4" or "audio/m4a" or "audio/x-m4a" => ".m4a",
        "audio/aac" => ".aac",
        "audio/flac" => ".flac",
        "audio/pcm" or "audio/l16" => ".pcm",
        _ => ".bin",
    };

    /// <summary>Copies the rest of the audio to <paramref name="destination"/> in small chunks as it arrives.</summary>
    /// <param name="destination">Where to write; not disposed.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The number of bytes copied.</returns>
    public async Task<long> CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await Content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Saves the rest of the audio to a file, written as it arrives. The file is replaced if it exists; when the copy
    /// fails or is cancelled, the partial file is deleted.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The number of bytes written.</returns>
    public async Task<long> SaveToAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                return await CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Frees the connection; the rest of the audio, if any, is abandoned.</summary>
    public void Dispose() => Content.Dispose();

    /// <summary>Frees the connection; the rest of the audio, if any, is abandoned.</summary>
    /// <returns>A task that completes when the stream is disposed.</returns>
    ValueTask IAsyncDisposable.DisposeAsync() => Content.DisposeAsync();
}
