using System.Net.Http.Headers;
using MiladyCloud.Sdk.Internal.Upload;

namespace MiladyCloud.Sdk;

/// <summary>
/// One audio file for <see cref="VoiceClient.CreateTranscriptionAsync(AudioFile, string?, IProgress{UploadProgress}?, CancellationToken)"/>
/// and <see cref="VoiceClient.CreateCloneAsync"/>: from a path, a <see cref="Stream"/> or bytes. The content is
/// streamed to the server in small chunks when the request is sent, never read into memory first. Its size is known
/// up front, so each call checks its limits (<see cref="VoiceLimits"/>) before sending; a source that then delivers a
/// different number of bytes than described fails the upload instead of slipping past them.
/// </summary>
/// <remarks>Immutable; a value object, so it is sealed.</remarks>
public sealed class AudioFile
{
    private readonly Func<HttpContent> _openContent;

    private AudioFile(string fileName, string? contentType, long length, Func<HttpContent> openContent, bool canResend = true)
    {
        ValidateFileName(fileName);
        if (contentType is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
            if (!MediaTypeHeaderValue.TryParse(contentType, out _))
            {
                throw new ArgumentException($"'{contentType}' is not a content type.", nameof(contentType));
            }
        }

        FileName = fileName;
        ContentType = contentType ?? VoiceLimits.ContentTypeFor(Path.GetExtension(fileName));
        Length = length;
        CanResend = canResend;
        _openContent = openContent;
    }

    /// <summary>The file name sent to the server.</summary>
    public string FileName { get; }

    /// <summary>The content type sent with the file (given, or inferred from the extension).</summary>
    public string ContentType { get; }

    /// <summary>The size in bytes that is sent and checked against the limits.</summary>
    public long Length { get; }

    /// <summary>Whether the content can be sent again after a failed attempt (not for a caller's non-seekable stream).</summary>
    internal bool CanResend { get; }

    /// <summary>Uses a file on disk; it is opened only while the upload runs.</summary>
    /// <param name="path">The file path. Its name (without folders) is the file name sent.</param>
    /// <param name="contentType">The content type, such as <c>audio/mpeg</c>; inferred from the extension when left out.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The file is missing, or its name or content type is not usable.</exception>
    public static AudioFile FromPath(string path, string? contentType = null)
    {
        var source = UploadSource.FromPath(path);
        return new AudioFile(source.Name, contentType, source.Length, source.Open, source.CanResend);
    }

    /// <summary>
    /// Uses a readable stream. The stream is read from its current position when the request is sent and is never
    /// disposed by the SDK. A seekable stream's length is measured (and the stream is rewound to the same position if
    /// a failed attempt is retried); a non-seekable one needs <paramref name="length"/> so the limits can be checked
    /// before sending, and a call that uploads one is never retried automatically.
    /// </summary>
    /// <param name="stream">The audio.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The content type; inferred from the extension of <paramref name="fileName"/> when left out.</param>
    /// <param name="length">The number of bytes the stream will deliver; required when the stream cannot seek.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The stream is unreadable or its size unknown, or the name or content type is not usable.</exception>
    public static AudioFile FromStream(Stream stream, string fileName, string? contentType = null, long? length = null)
    {
        var source = UploadSource.FromStream(stream, fileName, length);
        return new AudioFile(fileName, contentType, source.Length, source.Open, source.CanResend);
    }

    /// <summary>Uses bytes already in memory.</summary>
    /// <param name="content">The audio.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The content type; inferred from the extension of <paramref name="fileName"/> when left out.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The name or content type is not usable.</exception>
    public static AudioFile FromBytes(byte[] content, string fileName, string? contentType = null)
    {
        var source = UploadSource.FromBytes(content, fileName);
        return new AudioFile(fileName, contentType, source.Length, source.Open);
    }

    /// <summary>Creates the multipart part; a file on disk is opened only while the part is being sent.</summary>
    internal HttpContent CreatePart()
    {
        var part = _openContent();
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return part;
    }

    private static void ValidateFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        // The part header is written as text (see VoiceForms): a quote, backslash or line break would break it.
        if (fileName.IndexOfAny(['"', '\\', '/']) >= 0 || fileName.Any(char.IsControl))
        {
            throw new ArgumentException($"'{fileName}' is not a usable file name: it must not contain quotes, slashes, backslashes or control characters.", nameof(fileName));
        }
    }
}
