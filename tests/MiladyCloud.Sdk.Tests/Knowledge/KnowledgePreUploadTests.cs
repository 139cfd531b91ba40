using System.Net;
using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Knowledge;

/// <summary>The two-step upload: <c>PreUploadAsync</c>, <c>SubmitAsync</c>, <c>DeletePreUploadAsync</c>.</summary>
public class KnowledgePreUploadTests
{
    private const string CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f";
    private const string BlobUrl = "https://abc.public.blob.vercel-storage.com/knowledge-pre-upload/00000000-0000-0000-0000-00000000fa4e/1714230000000-notes.md";
    private const string PreUploadAnswer = $$"""
        {"success":true,"files":[{"id":"c1","filename":"notes.md","blobUrl":"{{BlobUrl}}","contentType":"text/markdown","size":7,"uploadedAt":1714230000000}],
         "successCount":1,"failureCount":0}
        """;

    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    private void Respond(string method, string path, string body, int status = 200) =>
        _api.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Test]
    public async Task PreUploadAsync_sends_files_parts_without_a_character_and_maps_the_stored_files()
    {
        Respond("POST", "/api/v1/knowledge/pre-upload", PreUploadAnswer);

        var result = await _api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("# Notes"), "notes.md")]);

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.That(parts, Has.Count.EqualTo(1));
        Assert.That(parts[0].Disposition, Is.EqualTo("form-data; name=\"files\"; filename=\"notes.md\""));
        Assert.That((parts[0].ContentType, parts[0].Body), Is.EqualTo(("text/markdown", "# Notes")));
        var file = result.Files.Single();
        Assert.That((result.Success, result.SuccessCount, result.FailureCount, result.Errors), Is.EqualTo((true, 1, 0, (ICollection<KnowledgePreUploadFailure>?)null)));
        Assert.That((file.Id, file.Filename, file.BlobUrl, file.ContentType, file.Size, file.UploadedAt), Is.EqualTo(("c1", "notes.md", BlobUrl, "text/markdown", 7L, 1714230000000L)));
    }

    [Test]
    public async Task PreUploadAsync_reports_progress_to_the_total()
    {
        Respond("POST", "/api/v1/knowledge/pre-upload", PreUploadAnswer);
        var reports = new SyncProgress();

        await _api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes(new byte[1000], "a.txt")], reports);

        Assert.That(reports.Reports, Is.Not.Empty);
        Assert.That(reports.Reports[^1].BytesSent, Is.EqualTo(reports.Reports[^1].TotalBytes));
    }

    [Test]
    public void PreUploadAsync_refuses_octet_stream_for_binary_formats_and_long_names_before_sending()
    {
        var knowledge = _api.Client.Knowledge;
        Assert.ThrowsAsync<ArgumentException>(() => knowledge.PreUploadAsync([KnowledgeFile.FromBytes([1, 2], "report.pdf", "application/octet-stream")]));
        Assert.ThrowsAsync<ArgumentException>(() => knowledge.PreUploadAsync([KnowledgeFile.FromBytes([1], new string('a', 252) + ".txt")]));
        Assert.ThrowsAsync<ArgumentException>(() => knowledge.PreUploadAsync([]));
        Assert.ThrowsAsync<ArgumentException>(() => knowledge.PreUploadAsync(Enumerable.Range(0, 6).Select(i => KnowledgeFile.FromBytes([1], $"f{i}.txt"))));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task PreUploadAsync_takes_octet_stream_for_text_formats()
    {
        Respond("POST", "/api/v1/knowledge/pre-upload", PreUploadAnswer);

        await _api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes([65], "notes.md", "application/octet-stream")]);

        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCase(400, """{"error":"Some files failed to upload - batch rolled back","details":[{"filename":"a.txt","error":"Content mismatch"}]}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(400, """{"error":"Invalid content type","details":"a.pdf: Binary files (.pdf) must have explicit content type, not application/octet-stream"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(500, """{"error":"All file uploads failed","details":[{"filename":"a.txt","error":"Blob down"}]}""", typeof(MiladyCloudInternalServerErrorException))]
    public void PreUploadAsync_maps_each_error_body(int status, string body, Type expected)
    {
        Respond("POST", "/api/v1/knowledge/pre-upload", body, status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes([65], "a.txt")]));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.RawBody, Is.EqualTo(body));
    }

    [Test]
    public void PreUploadAsync_never_retries_an_ambiguous_failure()
    {
        using var api = new FakeApi(o => o.MaxRetries = 2);
        api.Server.Given(Request.Create().WithPath("/api/v1/knowledge/pre-upload").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("""{"error":"All file uploads failed"}"""));

        Assert.CatchAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes([65], "a.txt")]));

        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SubmitAsync_posts_the_pre_uploaded_files_and_maps_each_outcome()
    {
        Respond("POST", "/api/v1/knowledge/submit", $$"""
            {"success":true,"results":[
              {"filename":"notes.md","blobUrl":"{{BlobUrl}}","status":"success","fragmentCount":3,"documentId":"d1"},
              {"filename":"b.txt","blobUrl":"{{BlobUrl}}2","status":"error","error":"Failed to fetch blob: 404 Not Found"}],
             "message":"Processed 1 file(s), 1 failed","successCount":1,"failedCount":1,"totalCount":2}
            """);
        var stored = JsonSerializer.Deserialize(PreUploadAnswer, MiladyCloudJsonContext.Default.KnowledgePreUploadResponse)!.Files;

        var result = await _api.Client.Knowledge.SubmitAsync(CharacterId, stored);

        var body = JsonDocument.Parse(_api.SingleRequest().RequestMessage!.Body!).RootElement.GetRawText();
        Assert.That(body, Is.EqualTo($$"""{"characterId":"{{CharacterId}}","files":[{"blobUrl":"{{BlobUrl}}","filename":"notes.md","contentType":"text/markdown","size":7}]}"""));
        var (ok, failed) = (result.Results.First(), result.Results.Last());
        Assert.Multiple(() =>
        {
            Assert.That((result.Success, result.Message, result.SuccessCount, result.FailedCount, result.TotalCount), Is.EqualTo((true, "Processed 1 file(s), 1 failed", 1, 1, 2)));
            Assert.That((ok.Filename, ok.Status, ok.FragmentCount, ok.DocumentId, ok.Error), Is.EqualTo(("notes.md", KnowledgeSubmitStatus.Success, (int?)3, "d1", (string?)null)));
            Assert.That((failed.Status, failed.Error), Is.EqualTo((KnowledgeSubmitStatus.Error, "Failed to fetch blob: 404 Not Found")));
        });
    }

    private static KnowledgeSubmitRequest Submit(Action<KnowledgeSubmitFile>? change = null, string characterId = CharacterId, int count = 1)
    {
        var files = Enumerable.Range(0, count).Select(_ => new KnowledgeSubmitFile { BlobUrl = BlobUrl, Filename = "notes.md", ContentType = "text/markdown", Size = 7 }).ToList();
        change?.Invoke(files[0]);
        return new KnowledgeSubmitRequest { CharacterId = characterId, Files = files };
    }

    [Test]
    public void SubmitAsync_refuses_what_the_server_would_refuse_before_sending()
    {
        var knowledge = _api.Client.Knowledge;
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(characterId: "char-1")));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(count: 0)));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(count: 6)));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(f => f.BlobUrl = "http://abc.public.blob.vercel-storage.com/x")));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(f => f.Filename = "../x.md")));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(f => f.ContentType = "image/png")));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(f => f.Size = 0)));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(Submit(f => f.Size = KnowledgeLimits.MaxFileBytes + 1)));
        Assert.CatchAsync<ArgumentException>(() => knowledge.SubmitAsync(new KnowledgeSubmitRequest
        {
            CharacterId = CharacterId,
            Files = [new() { BlobUrl = BlobUrl, Filename = "a.md", ContentType = "text/markdown", Size = 3_000_000 }, new() { BlobUrl = BlobUrl, Filename = "b.md", ContentType = "text/markdown", Size = 3_000_000 }],
        }));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase(400, """{"error":"Validation failed","details":{"characterId":["Invalid UUID"]}}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(400, """{"error":"Invalid or untrusted blobUrl for file: notes.md"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(403, """{"error":"Character not found or unauthorized"}""", typeof(MiladyCloudForbiddenException))]
    [TestCase(403, """{"error":"Unauthorized blob URL for file: notes.md"}""", typeof(MiladyCloudForbiddenException))]
    [TestCase(503, """{"error":"Knowledge service not available"}""", typeof(MiladyCloudServiceUnavailableException))]
    public void SubmitAsync_maps_each_error_body(int status, string body, Type expected)
    {
        Respond("POST", "/api/v1/knowledge/submit", body, status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Knowledge.SubmitAsync(Submit()));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.RawBody, Is.EqualTo(body));
    }

    [Test]
    public async Task DeletePreUploadAsync_sends_the_blob_url_in_a_json_body()
    {
        Respond("DELETE", "/api/v1/knowledge/pre-upload", """{"success":true}""");

        await _api.Client.Knowledge.DeletePreUploadAsync(BlobUrl);

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("DELETE"));
        Assert.That(sent.Body, Is.EqualTo($$"""{"blobUrl":"{{BlobUrl}}"}"""));
    }

    [TestCase("")]
    [TestCase("notes.md")]
    [TestCase("http://abc.public.blob.vercel-storage.com/knowledge-pre-upload/u/1-a.md")]
    public void DeletePreUploadAsync_refuses_a_url_that_cannot_be_a_blob(string url)
    {
        Assert.CatchAsync<ArgumentException>(() => _api.Client.Knowledge.DeletePreUploadAsync(url));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase(400, """{"error":"Invalid or untrusted blob URL"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(403, """{"error":"Unauthorized to delete this file"}""", typeof(MiladyCloudForbiddenException))]
    [TestCase(500, """{"error":"Failed to delete file"}""", typeof(MiladyCloudInternalServerErrorException))]
    public void DeletePreUploadAsync_maps_each_error_body(int status, string body, Type expected)
    {
        Respond("DELETE", "/api/v1/knowledge/pre-upload", body, status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Knowledge.DeletePreUploadAsync(BlobUrl));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That((int)ex!.StatusCode, Is.EqualTo(status));
    }
}
