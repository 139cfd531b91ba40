namespace MiladyCloud.Sdk;

/// <summary>
/// The limits the server enforces on knowledge uploads. The SDK checks them before sending, so a batch that would be
/// refused never leaves the machine. (The published docs mention 10 files and 10 MB; the server allows less.)
/// </summary>
public static class KnowledgeLimits
{
    /// <summary>Most files in one upload request.</summary>
    public const int MaxFilesPerRequest = 5;

    /// <summary>Largest single file, in bytes (5 MB).</summary>
    public const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>Largest total of all files in one request, in bytes (5 MB).</summary>
    public const long MaxBatchBytes = 5L * 1024 * 1024;

    /// <summary>The file extensions the server accepts (lower case, with the dot).</summary>
    public static IReadOnlySet<string> AllowedExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".txt", ".md", ".doc", ".docx", ".json", ".xml", ".yaml", ".yml", ".csv",
    };

    /// <summary>The content types the server accepts.</summary>
    public static IReadOnlySet<string> AllowedContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf",
        "text/plain",
        "text/markdown",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/json",
        "application/xml",
        "text/xml",
        "application/x-yaml",
        "text/yaml",
        "text/csv",
        "application/octet-stream",
    };

    /// <summary>Characters the server refuses in file names (besides <c>..</c>).</summary>
    internal static readonly char[] ForbiddenFileNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>The content type sent for an extension when the caller gives none.</summary>
    internal static string ContentTypeFor(string extension) => extension.ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        ".md" => "text/markdown",
        ".doc" => "application/msword",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".json" => "application/json",
        ".xml" => "application/xml",
        ".yaml" or ".yml" => "application/x-yaml",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
