using MiladyCloud.Sdk.Internal;

using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Internal.Upload;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Documents for retrieval-augmented generation (<c>/knowledge</c>). Documents belong to an agent runtime: the given
/// character's, or the caller's default assistant when no character is given. Obtain it from
/// <see cref="MiladyCloudClient.Knowledge"/>.
/// </summary>
/// <remarks>
/// Besides <see cref="UploadAsync"/> the service has a two-step upload: <see cref="PreUploadAsync"/> stores files before
/// the character exists, <see cref="SubmitAsync(string, IEnumerable{KnowledgePreUploadedFile}, CancellationToken)"/>
/// processes them into a character's knowledge later. It has the same limits (5 files, 5 MB per batch), so it is no
/// path for larger files. A document cannot be fetched by id: the service has no such route.
/// </remarks>
public class KnowledgeClient : CategoryClient
{
    private const int DefaultListAllPageSize = 100;

    /// <summary>The server lets a submit run for up to 300 seconds.</summary>
    private static readonly TimeSpan SubmitTime = TimeSpan.FromSeconds(310);

    /// <summary>For mocking frameworks.</summary>
    protected KnowledgeClient()
    {
    }

    internal KnowledgeClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists one window of stored documents, by offset.</summary>
    /// <param name="options">Character, window size and offset; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The documents of the window and the total number stored.</returns>
    /// <exception cref="ArgumentException">The limit is below 1, the offset below 0, or the character id is blank or not a UUID.</exception>
    public virtual Task<KnowledgeDocumentList> ListAsync(KnowledgeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = ListPath(options?.CharacterId, options?.Limit, options?.Offset);
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.KnowledgeDocumentList, cancellationToken);
    }

    /// <summary>
    /// Enumerates every stored document, fetching windows of <see cref="KnowledgeListOptions.Limit"/> (100 when not set)
    /// lazily as you iterate, from <see cref="KnowledgeListOptions.Offset"/> on, and stopping after the last one.
    /// </summary>
    /// <param name="options">Character, window size and first offset; <see langword="null"/> for all of the default assistant's.</param>
    /// <param name="cancellationToken">Cancels the walk, also between windows.</param>
    /// <returns>The documents, in server order.</returns>
    /// <exception cref="ArgumentException">The limit is below 1, the offset below 0, or the character id is blank or not a UUID (thrown at once, not on first iteration).</exception>
    public virtual IAsyncEnumerable<KnowledgeDocument> ListAllAsync(KnowledgeListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var characterId = options?.CharacterId;
        var limit = options?.Limit ?? DefaultListAllPageSize;
        var first = options?.Offset ?? 0;
        _ = ListPath(characterId, limit, first);
        return Pager.ByOffsetAsync(
            first,
            (offset, ct) => ListAsync(new KnowledgeListOptions { CharacterId = characterId, Limit = limit, Offset = offset }, ct),
            page => page.Documents,
            page => page.Total,
            cancellationToken);
    }

    /// <summary>Adds one document from inline text (or base64 for binary content types) and processes it into fragments.</summary>
    /// <param name="request">The document; <c>Content</c> must not be empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new document id and how many fragments were created.</returns>
    /// <exception cref="ArgumentException">The content is empty, or the character id is not a UUID.</exception>
    public virtual Task<KnowledgeDocumentCreated> CreateAsync(CreateKnowledgeDocumentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Content))
        {
            throw new ArgumentException("The document content must not be empty.", nameof(request));
        }

        ThrowIfNotCharacterId(request.CharacterId, "characterId");

        // Not idempotent (a repeat stores the document twice): ambiguous failures are not repeated.
        return Pipeline.SendJsonAsync(HttpMethod.Post, "knowledge", request, MiladyCloudJsonContext.Default.CreateKnowledgeDocumentRequest, MiladyCloudJsonContext.Default.KnowledgeDocumentCreated, cancellationToken, SendFlags.ConsumesCredits);
    }

    /// <summary>
    /// Uploads 1–5 files (each at most 5 MB, together at most 5 MB; see <see cref="KnowledgeLimits"/>) as
    /// <c>multipart/form-data</c> and processes them synchronously. The limits, names and types are checked before
    /// anything is sent. File contents are streamed in small chunks, not buffered. The call answers normally when only
    /// some files failed: check each entry's status.
    /// </summary>
    /// <param name="files">The files.</param>
    /// <param name="characterId">The character whose runtime receives the files; the default assistant when <see langword="null"/>.</param>
    /// <param name="progress">Receives the bytes of the request body written so far and the total; optional. Reports start
    /// at 0 and end at the total; a retried attempt starts again at 0.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per file and the counts.</returns>
    /// <exception cref="ArgumentException">The batch breaks a limit or the character id is blank or not a UUID; nothing is sent.</exception>
    public virtual async Task<KnowledgeUploadResponse> UploadAsync(IEnumerable<KnowledgeFile> files, string? characterId = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var batch = KnowledgeUploadBatch.Validate(files);
        ThrowIfNotCharacterId(characterId, nameof(characterId));

        // The server processes the files synchronously, so after an ambiguous failure a repeat could store them twice:
        // the credit-consuming rules retry only failures that certainly did nothing. A stream that cannot seek cannot be
        // sent twice at all.
        var send = SendFlags.ConsumesCredits | (batch.Any(file => !file.CanResend) ? SendFlags.NoRetry : SendFlags.None);
        var form = KnowledgeUploadBatch.BuildForm(batch, characterId);

        // Sending disposes the request, which closes the files the SDK opened; a caller's stream stays open for the caller.
        var request = Pipeline.CreateRequest(HttpMethod.Post, "knowledge/upload-file", send);
        request.Content = progress is null ? form : new ProgressReportingContent(form, progress);
        return await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.KnowledgeUploadResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores 1–5 files in the service's blob storage without processing them, for a later
    /// <see cref="SubmitAsync(string, IEnumerable{KnowledgePreUploadedFile}, CancellationToken)"/> (for example before the
    /// character they belong to exists). Same limits and streaming as <see cref="UploadAsync"/>; file names have at most
    /// 255 characters, and application/octet-stream is taken only for text formats. If any file fails, the server deletes
    /// the others and the call fails (<see cref="MiladyCloudInvalidRequestException"/>, or <see cref="MiladyCloudInternalServerErrorException"/>
    /// when every file failed).
    /// </summary>
    /// <param name="files">The files.</param>
    /// <param name="progress">Receives the bytes of the request body written so far and the total; optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each stored file with its blob URL.</returns>
    /// <exception cref="ArgumentException">The batch breaks a limit; nothing is sent.</exception>
    public virtual async Task<KnowledgePreUploadResponse> PreUploadAsync(IEnumerable<KnowledgeFile> files, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var batch = KnowledgePreUploadChecks.PreUpload(files);

        // A repeat after an ambiguous failure would store the files again (blobs nobody deletes), so only failures that
        // certainly stored nothing are retried; a stream that cannot seek cannot be sent twice at all.
        var send = SendFlags.NotIdempotent | (batch.Any(file => !file.CanResend) ? SendFlags.NoRetry : SendFlags.None);
        var form = KnowledgeUploadBatch.BuildForm(batch, characterId: null);

        // Sending disposes the request, which closes the files the SDK opened.
        var request = Pipeline.CreateRequest(HttpMethod.Post, "knowledge/pre-upload", send);
        request.Content = progress is null ? form : new ProgressReportingContent(form, progress);

        return await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.KnowledgePreUploadResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Processes pre-uploaded files into a character's knowledge, synchronously (the server allows up to five minutes).
    /// Each processed file's blob is deleted afterwards. The call answers normally even when every file failed: check
    /// each result's status.
    /// </summary>
    /// <param name="characterId">The character (a UUID of the caller's organization).</param>
    /// <param name="files">Files returned by <see cref="PreUploadAsync"/> (1–5, together at most 5 MB).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per file and the counts.</returns>
    /// <exception cref="ArgumentException">The character id is not a UUID or the files break a limit; nothing is sent.</exception>
    /// <exception cref="MiladyCloudForbiddenException">The character is not the organization's, or a file was not pre-uploaded by the caller.</exception>
    public virtual Task<KnowledgeSubmitResponse> SubmitAsync(string characterId, IEnumerable<KnowledgePreUploadedFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var request = new KnowledgeSubmitRequest
        {
            CharacterId = characterId,
            Files = files.Select(file => file is null ? null! : new KnowledgeSubmitFile { BlobUrl = file.BlobUrl, Filename = file.Filename, ContentType = file.ContentType, Size = file.Size }).ToList(),
        };
        return SubmitAsync(request, cancellationToken);
    }

    /// <summary>Processes pre-uploaded files described field by field; see <see cref="SubmitAsync(string, IEnumerable{KnowledgePreUploadedFile}, CancellationToken)"/>.</summary>
    /// <param name="request">The character and the files.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per file and the counts.</returns>
    /// <exception cref="ArgumentException">The character id is not a UUID or the files break a limit; nothing is sent.</exception>
    public virtual Task<KnowledgeSubmitResponse> SubmitAsync(KnowledgeSubmitRequest request, CancellationToken cancellationToken = default)
    {
        KnowledgePreUploadChecks.Submit(request);

        // Processing stores documents and spends credits on embeddings: ambiguous failures are not repeated.
        return Pipeline.SendJsonAsync(HttpMethod.Post, "knowledge/submit", request, MiladyCloudJsonContext.Default.KnowledgeSubmitRequest, MiladyCloudJsonContext.Default.KnowledgeSubmitResponse, cancellationToken, new SendOptions(SendFlags.ConsumesCredits, SubmitTime));
    }

    /// <summary>Deletes a pre-uploaded file that will not be submitted.</summary>
    /// <param name="blobUrl">The file's blob URL from <see cref="PreUploadAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the file is deleted.</returns>
    /// <exception cref="ArgumentException"><paramref name="blobUrl"/> is not an absolute https URL.</exception>
    /// <exception cref="MiladyCloudInvalidRequestException">The URL is not on the service's blob storage.</exception>
    /// <exception cref="MiladyCloudForbiddenException">The file was not pre-uploaded by the caller.</exception>
    public virtual async Task DeletePreUploadAsync(string blobUrl, CancellationToken cancellationToken = default)
    {
        KnowledgePreUploadChecks.BlobUrl(blobUrl, nameof(blobUrl));
        var body = new KnowledgePreUploadDeleteRequest { BlobUrl = blobUrl };
        await Pipeline.SendJsonAsync(HttpMethod.Delete, "knowledge/pre-upload", body, MiladyCloudJsonContext.Default.KnowledgePreUploadDeleteRequest, MiladyCloudJsonContext.Default.KnowledgePreUploadDeleteResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Semantic search over the knowledge fragments of a runtime.</summary>
    /// <param name="query">The search text.</param>
    /// <param name="limit">Maximum number of results (at least 1); the server's default is 5.</param>
    /// <param name="characterId">The character whose runtime is searched; the default assistant when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matches, best first.</returns>
    /// <exception cref="ArgumentException">The query is empty, the limit below 1, or the character id blank or not a UUID.</exception>
    public virtual Task<KnowledgeQueryResponse> QueryAsync(string query, int? limit = null, string? characterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ThrowIfBelow(limit, 1, nameof(limit));
        ThrowIfNotCharacterId(characterId, nameof(characterId));
        var body = new KnowledgeQueryRequest { Query = query, Limit = limit, CharacterId = characterId };
        return Pipeline.SendJsonAsync(HttpMethod.Post, "knowledge/query", body, MiladyCloudJsonContext.Default.KnowledgeQueryRequest, MiladyCloudJsonContext.Default.KnowledgeQueryResponse, cancellationToken);
    }

    /// <summary>Counts the documents stored for a character.</summary>
    /// <param name="characterId">The character.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether documents exist, and how many.</returns>
    /// <exception cref="ArgumentException">The character id is not a UUID (the server would answer 500).</exception>
    public virtual Task<KnowledgeCheckResult> CheckAsync(string characterId, CancellationToken cancellationToken = default)
    {
        RequestPath.UuidSegment(characterId, nameof(characterId));
        var path = new QueryString().Add("characterId", characterId).AppendTo("knowledge/check");
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.KnowledgeCheckResult, cancellationToken);
    }

    /// <summary>Deletes one document and its fragments.</summary>
    /// <param name="documentId">The document id (a UUID).</param>
    /// <param name="characterId">The character whose runtime holds it; the default assistant when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the document is deleted.</returns>
    /// <exception cref="ArgumentException">The document id is not a UUID or the character id is blank or not a UUID.</exception>
    public virtual async Task DeleteAsync(string documentId, string? characterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        if (!Guid.TryParse(documentId, out _))
        {
            throw new ArgumentException($"'{documentId}' is not a document id: the server expects a UUID.", nameof(documentId));
        }

        ThrowIfNotCharacterId(characterId, nameof(characterId));
        var path = new QueryString().Add("characterId", characterId).AppendTo("knowledge/" + RequestPath.UuidSegment(documentId, nameof(documentId)));
        await Pipeline.SendJsonAsync(HttpMethod.Delete, path, MiladyCloudJsonContext.Default.KnowledgeDeleteResponse, cancellationToken).ConfigureAwait(false);
    }

    private static string ListPath(string? characterId, int? limit, int? offset)
    {
        ThrowIfNotCharacterId(characterId, nameof(characterId));
        ThrowIfBelow(limit, 1, nameof(limit));
        ThrowIfBelow(offset, 0, nameof(offset));
        return new QueryString().Add("characterId", characterId).Add("count", limit).Add("offset", offset).AppendTo("knowledge");
    }

    /// <summary>Null leaves the character out; anything else must be a character id (a UUID: the server answers 500 to others).</summary>
    private static void ThrowIfNotCharacterId(string? value, string parameterName)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Pass null to leave the value out, not an empty string.", parameterName);
        }

        RequestPath.UuidSegment(value, parameterName);
    }

    private static void ThrowIfBelow(int? value, int minimum, string parameterName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Must be at least {minimum}.");
        }
    }
}
