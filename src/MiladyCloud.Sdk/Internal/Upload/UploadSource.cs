namespace MiladyCloud.Sdk.Internal.Upload;

/// <summary>
/// Where an uploaded file's bytes come from (a path, a caller's stream or bytes), with its size known before sending.
/// Shared by <see cref="KnowledgeFile"/> and <see cref="AudioFile"/>, which add their own name, type and size rules.
/// </summary>
internal readonly record struct UploadSource(string Name, long Length, Func<HttpContent> Open, bool CanResend)
{
    public static UploadSource FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ArgumentException($"The file '{path}' does not exist.", nameof(path));
        }

        var fullPath = info.FullName;
        var name = info.Name;
        var length = info.Length;
        return new(name, length, () => new KnowledgeFileContent(() => OpenForUpload(fullPath), ownsStream: true, length, name, rewindTo: null), CanResend: true);
    }

    public static UploadSource FromStream(Stream stream, string fileName, long? length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        long? start = stream.CanSeek ? stream.Position : null;
        var size = start is { } position ? stream.Length - position : length
            ?? throw new ArgumentException("The stream cannot seek, so its size is unknown; pass its length so the upload limits can be checked before sending.", nameof(length));
        if (start is not null && length is { } declared && declared != size)
        {
            throw new ArgumentException($"The stream holds {size} bytes from its current position, not the {declared} given as its length.", nameof(length));
        }

        return new(fileName, size, () => new KnowledgeFileContent(() => stream, ownsStream: false, size, fileName, start), CanResend: start is not null);
    }

    public static UploadSource FromBytes(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(fileName, content.Length, () => new ByteArrayContent(content), CanResend: true);
    }

    private static FileStream OpenForUpload(string fullPath)
        => new(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
