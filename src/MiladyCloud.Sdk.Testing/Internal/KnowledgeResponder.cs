using System.Net;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The knowledge routes over an in-memory store: list, add from text, multipart upload (with the server's limits),
/// semantic query (the fake's word-hash embeddings), check and delete; the two-step pre-upload and submit in the other part. Documents are kept per character; no character
/// means the default assistant.
/// </summary>
internal sealed partial class KnowledgeResponder(TimeProvider clock)
{
    private const int MaxFiles = 5;
    private const long MaxBytes = 5L * 1024 * 1024;
    private const int VectorDimensions = 256;
    private static readonly string[] AllowedExtensions = [".pdf", ".txt", ".md", ".doc", ".docx", ".json", ".xml", ".yaml", ".yml", ".csv"];
    private readonly object _gate = new();
    private readonly List<StoredDocument> _documents = [];

    public FakeResponse? Route(string method, string route, string query, JsonElement? json, string? contentType, byte[]? body)
    {
        var characterId = QueryValue(query, "characterId");
        return (method, route) switch
        {
            ("GET", "knowledge") => List(characterId, QueryInt(query, "count") ?? 100, QueryInt(query, "offset") ?? 0),
            ("POST", "knowledge") => Create(json ?? default),
            ("POST", "knowledge/upload-file") => Upload(contentType, body),
            ("POST", "knowledge/query") => Query(json ?? default),
            ("GET", "knowledge/check") => Check(characterId),
            ("POST", "knowledge/pre-upload") => PreUpload(contentType, body),
            ("DELETE", "knowledge/pre-upload") => DeletePreUpload(json ?? default),
            ("POST", "knowledge/submit") => Submit(json ?? default),
            ("DELETE", _) when route.StartsWith("knowledge/", StringComparison.Ordinal) => Delete(Uri.UnescapeDataString(route["knowledge/".Length..]), characterId),
            _ => null,
        };
    }

    private FakeResponse List(string? characterId, int count, int offset)
    {
        List<StoredDocument> page;
        int total;
        lock (_gate)
        {
            var owned = _documents.Where(d => d.CharacterId == characterId).ToList();
            total = owned.Count;
            page = owned.Skip(Math.Max(0, offset)).Take(Math.Max(0, count)).ToList();
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("documents");
            foreach (var document in page)
            {
                WriteDocument(w, document);
            }

            w.WriteEndArray();
            w.WriteNumber("total", total);
            w.WriteNumber("count", page.Count);
            w.WriteNumber("offset", offset);
        }));
    }

    private FakeResponse Create(JsonElement request)
    {
        var content = StringMember(request, "content");
        if (string.IsNullOrEmpty(content))
        {
            return Error(HttpStatusCode.BadRequest, "Content is required");
        }

        var type = StringMember(request, "contentType") ?? "text/plain";
        var text = type.StartsWith("text/", StringComparison.Ordinal) || type == "application/json" ? content : DecodeBase64(content);
        var document = Store(StringMember(request, "filename") ?? "document.txt", type, text, StringMember(request, "characterId"), Encoding.UTF8.GetByteCount(text));
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("documentId", document.Id);
            w.WriteNumber("fragmentCount", document.Fragments.Count);
            w.WriteString("message", $"Document processed successfully. Created {document.Fragments.Count} knowledge fragments.");
        }));
    }

    private FakeResponse Upload(string? contentType, byte[]? body)
    {
        var parts = MultipartReader.Read(contentType, body);
        if (parts is null)
        {
            return Error(HttpStatusCode.BadRequest, "Malformed request");
        }

        var files = parts.Where(p => p.Name == "files" && p.FileName is not null).ToList();
        var characterId = parts.FirstOrDefault(p => p.Name == "characterId") is { } field ? Encoding.UTF8.GetString(field.Content) : null;
        if (UploadProblem(files) is { } problem)
        {
            return Error(HttpStatusCode.BadRequest, problem);
        }

        var stored = files.Select(f => (File: f, Document: Store(f.FileName!, f.ContentType ?? "application/octet-stream", Encoding.UTF8.GetString(f.Content), characterId, f.Content.Length))).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("data");
            foreach (var (file, document) in stored)
            {
                w.WriteStartObject();
                w.WriteString("id", document.Id);
                w.WriteString("filename", file.FileName);
                w.WriteString("type", document.ContentType);
                w.WriteNumber("size", file.Content.Length);
                w.WriteNumber("uploadedAt", document.CreatedAt);
                w.WriteNumber("fragmentCount", document.Fragments.Count);
                w.WriteString("status", "success");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("message", $"Successfully uploaded {stored.Count} file(s)");
            w.WriteNumber("successCount", stored.Count);
            w.WriteNumber("failedCount", 0);
            w.WriteNumber("totalCount", stored.Count);
        }));
    }

    private static string? UploadProblem(List<FormPart> files)
    {
        if (files.Count == 0)
        {
            return "No files provided";
        }

        if (files.Count > MaxFiles)
        {
            return "Too many files";
        }

        if (files.Sum(f => (long)f.Content.Length) > MaxBytes)
        {
            return "Batch too large";
        }

        return files.Any(f => !AllowedExtensions.Contains(Path.GetExtension(f.FileName!).ToLowerInvariant())) ? "Unsupported file type" : null;
    }

    private FakeResponse Query(JsonElement request)
    {
        var text = StringMember(request, "query");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error(HttpStatusCode.BadRequest, "Query is required");
        }

        var limit = request.TryGetProperty("limit", out var l) && l.TryGetInt32(out var n) ? n : 5;
        var characterId = StringMember(request, "characterId");
        var wanted = EmbeddingsResponder.Vector(text, VectorDimensions);
        List<(string Id, string Text, double Similarity, string DocumentId)> matches;
        lock (_gate)
        {
            matches = _documents.Where(d => d.CharacterId == characterId)
                .SelectMany(d => d.Fragments.Select((fragment, i) => (Id: $"{d.Id}-{i}", Text: fragment, Similarity: Cosine(wanted, EmbeddingsResponder.Vector(fragment, VectorDimensions)), DocumentId: d.Id)))
                .OrderByDescending(m => m.Similarity)
                .Take(Math.Max(0, limit))
                .ToList();
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("query", text);
            w.WriteStartArray("results");
            foreach (var match in matches)
            {
                w.WriteStartObject();
                w.WriteString("id", match.Id);
                w.WriteString("content", match.Text);
                w.WriteNumber("similarity", Math.Round(match.Similarity, 4));
                w.WriteStartObject("metadata");
                w.WriteString("type", "fragment");
                w.WriteString("documentId", match.DocumentId);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("count", matches.Count);
        }));
    }

    private FakeResponse Check(string? characterId)
    {
        if (string.IsNullOrEmpty(characterId))
        {
            return Error(HttpStatusCode.BadRequest, "characterId is required");
        }

        int count;
        lock (_gate)
        {
            count = _documents.Count(d => d.CharacterId == characterId);
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("hasDocuments", count > 0);
            w.WriteNumber("count", count);
        }));
    }

    private FakeResponse Delete(string id, string? characterId)
    {
        if (!Guid.TryParse(id, out _))
        {
            return Error(HttpStatusCode.BadRequest, "Document ID must be a valid UUID");
        }

        int removed;
        lock (_gate)
        {
            removed = _documents.RemoveAll(d => d.Id == id && d.CharacterId == characterId);
        }

        // The real service's answer for an unknown id is not known; the fake says so plainly.
        return removed == 0
            ? Error(HttpStatusCode.NotFound, "Document not found")
            : FakeResponse.Json("""{"success":true,"message":"Document deleted successfully"}""");
    }

    private StoredDocument Store(string fileName, string contentType, string text, string? characterId, long size)
    {
        var document = new StoredDocument(Guid.NewGuid().ToString(), characterId, fileName, contentType, text, size, clock.GetUtcNow().ToUnixTimeMilliseconds(), Fragments(text));
        lock (_gate)
        {
            _documents.Add(document);
        }

        return document;
    }

    /// <summary>One fragment per paragraph, long paragraphs cut at 500 characters, like a simple chunker.</summary>
    private static List<string> Fragments(string text)
    {
        var fragments = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(paragraph => JsonText.Chunks(paragraph, 500))
            .ToList();
        return fragments.Count == 0 ? [text] : fragments;
    }

    private static void WriteDocument(Utf8JsonWriter w, StoredDocument document)
    {
        w.WriteStartObject();
        w.WriteString("id", document.Id);
        w.WriteString("entityId", "00000000-0000-0000-0000-00000000fa4e");
        w.WriteString("agentId", document.CharacterId ?? "00000000-0000-0000-0000-0000000a5515");
        w.WriteString("roomId", document.CharacterId ?? "00000000-0000-0000-0000-0000000a5515");
        w.WriteStartObject("content");
        w.WriteString("text", document.Text);
        w.WriteEndObject();
        w.WriteStartObject("metadata");
        w.WriteString("type", "document");
        w.WriteString("filename", document.FileName);
        w.WriteNumber("fileSize", document.Size);
        w.WriteString("contentType", document.ContentType);
        w.WriteEndObject();
        w.WriteNumber("createdAt", document.CreatedAt);
        w.WriteEndObject();
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
        }

        return Math.Clamp(dot, -1, 1);
    }

    private static string DecodeBase64(string content)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(content));
        }
        catch (FormatException)
        {
            return content;
        }
    }

    private static FakeResponse Error(HttpStatusCode status, string message)
        => FakeResponse.Json(JsonText.Object(w => w.WriteString("error", message)), status);

    private static string? StringMember(JsonElement request, string name)
        => request.ValueKind == JsonValueKind.Object && request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? QueryValue(string query, string name) => FakeQuery.Value(query, name);

    private static int? QueryInt(string query, string name) => FakeQuery.Int(query, name);

    private sealed record StoredDocument(string Id, string? CharacterId, string FileName, string ContentType, string Text, long Size, long CreatedAt, List<string> Fragments);
}
