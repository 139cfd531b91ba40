using System.Text;

namespace MiladyCloud.Sdk;

/// <summary>Checks a knowledge upload against the server's limits and builds its multipart form.</summary>
internal static class KnowledgeUploadBatch
{
    private const string FilesField = "files";
    private const string CharacterIdField = "characterId";

    public static IReadOnlyList<KnowledgeFile> Validate(IEnumerable<KnowledgeFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batch = files.ToList();
        if (batch.Count is 0 or > KnowledgeLimits.MaxFilesPerRequest)
        {
            throw new ArgumentException($"Pass between 1 and {KnowledgeLimits.MaxFilesPerRequest} files per upload (got {batch.Count}); split larger sets into several calls.", nameof(files));
        }

        if (batch.Contains(null!))
        {
            throw new ArgumentException("The file list contains null.", nameof(files));
        }

        var total = batch.Sum(f => f.Length);
        if (total > KnowledgeLimits.MaxBatchBytes)
        {
            throw new ArgumentException($"The files total {total} bytes; the server accepts at most {KnowledgeLimits.MaxBatchBytes} bytes (5 MB) per upload. Split them into several calls.", nameof(files));
        }

        return batch;
    }

    /// <summary>
    /// Builds the form. Disposing it is safe: the parts close only what the SDK opened (files on disk), never a caller's
    /// stream. Part headers are written as browsers write them (<c>form-data; name="files"; filename="x"</c>, UTF-8):
    /// the server's parser (Node's <c>FormData</c>) refuses .NET's default unquoted parameters and <c>filename*</c>.
    /// </summary>
    public static MultipartFormDataContent BuildForm(IReadOnlyList<KnowledgeFile> batch, string? characterId)
    {
        var form = new MultipartFormDataContent { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
        foreach (var file in batch)
        {
            var part = file.CreatePart();
            SetDisposition(part, FilesField, file.FileName);
            form.Add(part);
        }

        if (characterId is not null)
        {
            var field = new StringContent(characterId);
            // A plain form field: the server reads it as text, a content type would only add noise.
            field.Headers.ContentType = null;
            SetDisposition(field, CharacterIdField, fileName: null);
            form.Add(field);
        }

        return form;
    }

    /// <summary>
    /// Written as text: <see cref="System.Net.Http.Headers.ContentDispositionHeaderValue"/> would MIME-encode a
    /// non-ASCII name, which the server does not decode. File names were checked to hold no quote, backslash or
    /// control character, so quoting needs no escapes.
    /// </summary>
    internal static void SetDisposition(HttpContent part, string name, string? fileName)
    {
        part.Headers.Remove("Content-Disposition");
        var value = fileName is null ? $"form-data; name=\"{name}\"" : $"form-data; name=\"{name}\"; filename=\"{fileName}\"";
        part.Headers.TryAddWithoutValidation("Content-Disposition", value);
    }
}
