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
    /// stream.
    /// </summary>
    public static MultipartFormDataContent BuildForm(IReadOnlyList<KnowledgeFile> batch, string? characterId)
    {
        var form = new MultipartFormDataContent();
        foreach (var file in batch)
        {
            form.Add(file.CreatePart(), FilesField, file.FileName);
        }

        if (characterId is not null)
        {
            var field = new StringContent(characterId);
            // A plain form field: the server reads it as text, a content type would only add noise.
            field.Headers.ContentType = null;
            form.Add(field, CharacterIdField);
        }

        return form;
    }
}
