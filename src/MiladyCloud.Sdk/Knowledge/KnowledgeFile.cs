using System.Net.Http.Headers;
using MiladyCloud.Sdk.Internal.Upload;

namespace MiladyCloud.Sdk;

/// <summary>
/// One file for <see cref="KnowledgeClient.UploadAsync"/>: from a path, a <see cref="Stream"/> or bytes. File contents
/// are streamed to the server in small chunks when the request is sent, never read into memory first. The name, type
/// and size are checked against <see cref="KnowledgeLimits"/> when the file is created; a source that then delivers a
/// different number of bytes than described fails the upload instead of slipping past the limits.
/// </summary>
/// <remarks>Immutable; a value object, so it is sealed.</remarks>
public sealed class KnowledgeFile
{
    private readonly Func<HttpContent> _openContent;

    private KnowledgeFile(string fileName, string? contentType, long length, Func<HttpContent> openContent, bool canResend = true)
    {
        FileName = fileName;
        CanResend = canResend;
        ContentType = ResolveContentType(fileName, contentType);
        Length = length;
        _openContent = openContent;
        if (length > KnowledgeLimits.MaxFileBytes)
        {
            throw new ArgumentException($"'{fileName}' is {length} bytes; the server accepts at most {KnowledgeLimits.MaxFileBytes} bytes (5 MB) per file.", nameof(length));
        }
    }

    /// <summary>The file name sent to the server.</summary>
    public string FileName { get; }

    /// <summary>The content type sent with the file.</summary>
    public string ContentType { get; }

    /// <summary>The size in bytes that is sent and was checked against the limits.</summary>
    public long Length { get; }

    /// <summary>Whether the content can be sent again after a failed attempt (not for a caller's non-seekable stream).</summary>
    internal bool CanResend { get; }

    /// <summary>Uses a file on disk; it is opened only while the upload runs.</summary>
    /// <param name="path">The file path. Its name (without folders) is the file name sent.</param>
    /// <param name="contentType">The content type; inferred from the extension when left out.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The file is missing, too large, or its name, extension or type is not accepted.</exception>
    public static KnowledgeFile FromPath(string path, string? contentType = null)
    {
        var source = UploadSource.FromPath(path);
        return new KnowledgeFile(source.Name, contentType, source.Length, source.Open, source.CanResend);
    }

    /// <summary>
    /// Uses a readable stream. The stream is read from its current position when the request is sent and is never
    /// disposed by the SDK: it stays the caller's. A seekable stream's length is measured (and the stream is rewound
    /// to the same position if a failed attempt is retried); a non-seekable one needs <paramref name="length"/> so the
    /// size limits can be checked before sending, and an upload containing one is never retried automatically.
    /// </summary>
    /// <param name="stream">The content.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The content type; inferred from the extension when left out.</param>
    /// <param name="length">The number of bytes the stream will deliver; required when the stream cannot seek.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The stream is unreadable, its size is unknown or too large, or the name or type is not accepted.</exception>
    public static KnowledgeFile FromStream(Stream stream, string fileName, string? contentType = null, long? length = null)
    {
        var source = UploadSource.FromStream(stream, fileName, length);
        return new KnowledgeFile(fileName, contentType, source.Length, source.Open, source.CanResend);
    }

    /// <summary>Uses bytes already in memory.</summary>
    /// <param name="content">The content.</param>
    /// <param name="fileName">The file name sent to the server.</param>
    /// <param name="contentType">The content type; inferred from the extension when left out.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The content is too large, or the name or type is not accepted.</exception>
    public static KnowledgeFile FromBytes(byte[] content, string fileName, string? contentType = null)
    {
        var source = UploadSource.FromBytes(content, fileName);
        return new KnowledgeFile(fileName, contentType, source.Length, source.Open);
    }

    /// <summary>Creates the multipart part; a file on disk is opened only while the part is being sent.</summary>
    internal HttpContent CreatePart()
    {
        var part = _openContent();
        part.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        return part;
    }

    private static string ResolveContentType(string fileName, string? contentType)
    {
        ValidateFileName(fileName);
        var extension = Path.GetExtension(fileName);
        if (!KnowledgeLimits.AllowedExtensions.Contains(extension))
        {
            throw new ArgumentException($"'{fileName}' has an extension the server does not accept; allowed: {string.Join(' ', KnowledgeLimits.AllowedExtensions)}.", nameof(fileName));
        }

        var resolved = contentType ?? KnowledgeLimits.ContentTypeFor(extension);
        if (!KnowledgeLimits.AllowedContentTypes.Contains(resolved))
        {
            throw new ArgumentException($"The content type '{resolved}' is not accepted by the server; allowed: {string.Join(", ", KnowledgeLimits.AllowedContentTypes)}.", nameof(contentType));
        }

        return resolved;
    }

    private static void ValidateFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.IndexOfAny(KnowledgeLimits.ForbiddenFileNameChars) >= 0 || fileName.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{fileName}' is not an accepted file name: it must not contain / \\ : * ? \" < > | or '..'.", nameof(fileName));
        }

        if (fileName.Any(char.IsControl))
        {
            // A line break would end the part's header; the server has no way to receive such a name.
            throw new ArgumentException("The file name contains a control character (such as a line break).", nameof(fileName));
        }
    }
}
