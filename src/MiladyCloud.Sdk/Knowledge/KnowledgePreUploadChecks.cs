using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>The pre-upload and submit routes' own rules, on top of the upload rules in <see cref="KnowledgeUploadBatch"/>.</summary>
internal static class KnowledgePreUploadChecks
{
    public const int MaxFileNameLength = 255;

    /// <summary>The pre-upload takes application/octet-stream only for these text formats (browsers send them so).</summary>
    private static readonly HashSet<string> OctetStreamExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".csv", ".json", ".yaml", ".yml", ".xml" };

    public static IReadOnlyList<KnowledgeFile> PreUpload(IEnumerable<KnowledgeFile> files)
    {
        var batch = KnowledgeUploadBatch.Validate(files);
        foreach (var file in batch)
        {
            if (file.FileName.Length > MaxFileNameLength)
            {
                throw new ArgumentException($"'{file.FileName[..50]}...' is {file.FileName.Length} characters long; the server accepts at most {MaxFileNameLength}.", nameof(files));
            }

            if (string.Equals(file.ContentType, "application/octet-stream", StringComparison.OrdinalIgnoreCase) && !OctetStreamExtensions.Contains(Path.GetExtension(file.FileName)))
            {
                throw new ArgumentException($"'{file.FileName}' is sent as application/octet-stream, which the pre-upload takes only for {string.Join(' ', OctetStreamExtensions)}; give its real content type.", nameof(files));
            }
        }

        return batch;
    }

    public static void Submit(KnowledgeSubmitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Internal.RequestPath.UuidSegment(request.CharacterId, "characterId");
        var files = request.Files ?? throw new ArgumentException("files is required.", nameof(request));
        if (files.Count is 0 or > KnowledgeLimits.MaxFilesPerRequest)
        {
            throw new ArgumentException($"Submit between 1 and {KnowledgeLimits.MaxFilesPerRequest} files per call (got {files.Count}).", nameof(request));
        }

        long total = 0;
        foreach (var file in files)
        {
            if (file is null)
            {
                throw new ArgumentException("The file list contains null.", nameof(request));
            }

            BlobUrl(file.BlobUrl, nameof(request));
            if (string.IsNullOrEmpty(file.Filename) || file.Filename.Length > MaxFileNameLength
                || file.Filename.IndexOfAny(KnowledgeLimits.ForbiddenFileNameChars) >= 0 || file.Filename.Contains("..", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{file.Filename}' is not an accepted file name: 1-{MaxFileNameLength} characters without / \\ : * ? \" < > | or '..'.", nameof(request));
            }

            if (!KnowledgeLimits.AllowedContentTypes.Contains(file.ContentType ?? string.Empty))
            {
                throw new ArgumentException($"The content type '{file.ContentType}' of '{file.Filename}' is not accepted by the server.", nameof(request));
            }

            if (file.Size is < 1 or > KnowledgeLimits.MaxFileBytes)
            {
                throw new ArgumentException($"'{file.Filename}' has size {file.Size}; the server accepts 1 to {KnowledgeLimits.MaxFileBytes} bytes per file.", nameof(request));
            }

            total += file.Size;
        }

        if (total > KnowledgeLimits.MaxBatchBytes)
        {
            throw new ArgumentException($"The files total {total} bytes; the server accepts at most {KnowledgeLimits.MaxBatchBytes} bytes (5 MB) per submit.", nameof(request));
        }
    }

    /// <summary>Only an https URL can be one of the service's blobs; which host it must be on is left to the server.</summary>
    public static void BlobUrl(string? blobUrl, string parameterName)
    {
        if (!Uri.TryCreate(blobUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The blob URL must be an absolute https URL, as returned by the pre-upload.", parameterName);
        }
    }
}
