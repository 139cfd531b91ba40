using System.Net;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The two-step upload: pre-upload to the fake's blob store, submit into a character's documents, delete a blob.</summary>
internal sealed partial class KnowledgeResponder
{
    private const string BlobOrigin = "https://fake0blob.public.blob.vercel-storage.com";
    private static readonly string[] OctetStreamExtensions = [".txt", ".md", ".csv", ".json", ".yaml", ".yml", ".xml"];
    private static readonly char[] UnsafeNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
    private readonly Dictionary<string, FormPart> _blobs = new(StringComparer.Ordinal);

    private FakeResponse PreUpload(string? contentType, byte[]? body)
    {
        var parts = MultipartReader.Read(contentType, body);
        if (parts is null)
        {
            return FakeFormat.Unhandled();
        }

        var files = parts.Where(p => p.Name == "files" && p.FileName is not null).ToList();
        if (PreUploadProblem(files) is { } problem)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", problem.Error);
                w.WriteString("details", problem.Details);
            }), HttpStatusCode.BadRequest);
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = new List<(string Url, FormPart File)>();
        lock (_gate)
        {
            foreach (var file in files)
            {
                var url = $"{BlobOrigin}/knowledge-pre-upload/{FakeAccount.UserId}/{now}-{Uri.EscapeDataString(file.FileName!)}";
                _blobs[url] = file;
                stored.Add((url, file));
            }
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("files");
            foreach (var (url, file) in stored)
            {
                w.WriteStartObject();
                w.WriteString("id", FakeFormat.NewId());
                w.WriteString("filename", file.FileName);
                w.WriteString("blobUrl", url);
                w.WriteString("contentType", file.ContentType ?? "application/octet-stream");
                w.WriteNumber("size", file.Content.Length);
                w.WriteNumber("uploadedAt", now);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("successCount", stored.Count);
            w.WriteNumber("failureCount", 0);
        }));
    }

    private static (string Error, string Details)? PreUploadProblem(List<FormPart> files)
    {
        if (files.Count == 0)
        {
            return ("No files provided", "Please upload at least one file");
        }

        if (files.Count > MaxFiles)
        {
            return ("Too many files", $"Maximum {MaxFiles} files per request");
        }

        if (files.Sum(f => (long)f.Content.Length) > MaxBytes)
        {
            return ("Batch too large", "Total upload size must be under 5MB");
        }

        foreach (var file in files)
        {
            var name = file.FileName!;
            var extension = Path.GetExtension(name).ToLowerInvariant();
            var type = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType;
            if (name.Length > 255)
            {
                return ("Filename too long", $"{name[..50]}... exceeds 255 character limit");
            }

            if (name.IndexOfAny(UnsafeNameChars) >= 0 || name.Contains("..", StringComparison.Ordinal))
            {
                return ("Invalid filename", $"{name} contains invalid characters. Filenames cannot contain / \\ : * ? \" < > | or ..");
            }

            if (!AllowedExtensions.Contains(extension))
            {
                return ("Invalid file type", $"{name} has unsupported extension. Allowed: {string.Join(", ", AllowedExtensions)}");
            }

            if (type == "application/octet-stream" && !OctetStreamExtensions.Contains(extension))
            {
                return ("Invalid content type", $"{name}: Binary files ({extension}) must have explicit content type, not application/octet-stream");
            }
        }

        return null;
    }

    private FakeResponse DeletePreUpload(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return FakeFormat.Unhandled();
        }

        var url = FakeFormat.Text(body, "blobUrl");
        if (string.IsNullOrEmpty(url))
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "blobUrl is required");
        }

        if (!IsTrustedBlob(url))
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid or untrusted blob URL");
        }

        lock (_gate)
        {
            if (!IsOwnPreUpload(url))
            {
                return FakeFormat.PlainError(HttpStatusCode.Forbidden, "Unauthorized to delete this file");
            }

            // Deleting a blob that is already gone succeeds in blob storage too.
            _blobs.Remove(url);
        }

        return FakeResponse.Json("""{"success":true}""");
    }

    private FakeResponse Submit(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid JSON body");
        }

        var characterId = FakeFormat.Text(body, "characterId");
        var files = FakeFormat.Member(body, "files");
        var fieldErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Guid.TryParse(characterId, out _))
        {
            fieldErrors["characterId"] = "Invalid UUID";
        }

        if (files.ValueKind != JsonValueKind.Array || files.GetArrayLength() is 0 or > MaxFiles)
        {
            fieldErrors["files"] = files.ValueKind == JsonValueKind.Array && files.GetArrayLength() == 0 ? "Too small: expected array to have >=1 items" : "Too big: expected array to have <=5 items";
        }
        else if (files.EnumerateArray().Any(f => FakeFormat.Text(f, "blobUrl") is not { Length: > 0 } || FakeFormat.Text(f, "filename") is not { Length: > 0 and <= 255 } || FakeFormat.Text(f, "contentType") is not { Length: > 0 } || FakeFormat.Number(f, "size") is not (> 0 and <= MaxBytes)))
        {
            fieldErrors["files"] = "Invalid input";
        }

        if (fieldErrors.Count > 0)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", "Validation failed");
                w.WriteStartObject("details");
                foreach (var (field, message) in fieldErrors)
                {
                    FakeFormat.WriteStrings(w, field, [message]);
                }

                w.WriteEndObject();
            }), HttpStatusCode.BadRequest);
        }

        var list = files.EnumerateArray().Select(f => (Url: FakeFormat.Text(f, "blobUrl")!, Name: FakeFormat.Text(f, "filename")!, Type: FakeFormat.Text(f, "contentType")!, Size: (long)FakeFormat.Number(f, "size")!.Value)).ToList();
        foreach (var file in list)
        {
            if (!IsTrustedBlob(file.Url))
            {
                return FakeFormat.PlainError(HttpStatusCode.BadRequest, $"Invalid or untrusted blobUrl for file: {file.Name}");
            }

            if (!IsOwnPreUpload(file.Url))
            {
                return FakeFormat.PlainError(HttpStatusCode.Forbidden, $"Unauthorized blob URL for file: {file.Name}");
            }

            if (file.Name.IndexOfAny(UnsafeNameChars) >= 0 || file.Name.Contains("..", StringComparison.Ordinal))
            {
                return FakeFormat.PlainError(HttpStatusCode.BadRequest, $"Invalid filename: {file.Name} contains path-unsafe characters");
            }
        }

        if (list.Sum(f => f.Size) > MaxBytes)
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Total batch size exceeds 5MB limit");
        }

        var results = new List<(string Name, string Url, StoredDocument? Document, string? Error)>();
        foreach (var file in list)
        {
            FormPart? blob;
            lock (_gate)
            {
                _blobs.TryGetValue(file.Url, out blob);
            }

            if (blob is null)
            {
                results.Add((file.Name, file.Url, null, "Failed to fetch blob: 404 Not Found"));
                continue;
            }

            var document = Store(file.Name, file.Type, Encoding.UTF8.GetString(blob.Content), characterId, blob.Content.Length);
            lock (_gate)
            {
                _blobs.Remove(file.Url);
            }

            results.Add((file.Name, file.Url, document, null));
        }

        var succeeded = results.Count(r => r.Document is not null);
        var failed = results.Count - succeeded;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", succeeded > 0);
            w.WriteStartArray("results");
            foreach (var (name, url, document, error) in results)
            {
                w.WriteStartObject();
                w.WriteString("filename", name);
                w.WriteString("blobUrl", url);
                w.WriteString("status", document is null ? "error" : "success");
                if (document is not null)
                {
                    w.WriteNumber("fragmentCount", document.Fragments.Count);
                    w.WriteString("documentId", document.Id);
                }
                else
                {
                    w.WriteString("error", error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("message", failed == 0 ? $"Successfully processed {succeeded} file(s)" : $"Processed {succeeded} file(s), {failed} failed");
            w.WriteNumber("successCount", succeeded);
            w.WriteNumber("failedCount", failed);
            w.WriteNumber("totalCount", results.Count);
        }));
    }

    private static bool IsTrustedBlob(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && (uri.Host == "blob.vercel-storage.com" || uri.Host.EndsWith(".blob.vercel-storage.com", StringComparison.Ordinal));

    /// <summary>The server reads the owner from the path (<c>knowledge-pre-upload/{userId}/…</c>), not from a record.</summary>
    private static bool IsOwnPreUpload(string url)
    {
        var parts = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && parts[0] == "knowledge-pre-upload" && parts[1] == FakeAccount.UserId;
    }
}
