using System.Net;
using System.Text;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Knowledge;

public class KnowledgeUploadTests
{
    private const string UploadAnswer = """
        {"success":true,"data":[
          {"id":"9f3c","filename":"handbook.pdf","type":"application/pdf","size":11,"uploadedAt":1714230000000,"fragmentCount":42,"status":"success"},
          {"id":"","filename":"notes.md","type":"text/markdown","size":5,"uploadedAt":1714230000001,"status":"error_processing","error":"Parse failed"}],
         "message":"Uploaded 1 file(s), 1 failed","successCount":1,"failedCount":1,"totalCount":2}
        """;

    private FakeApi _api = null!;
    private string _tempDir = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeApi();
        _api.Server.Given(Request.Create().WithPath("/api/v1/knowledge/upload-file").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(UploadAnswer));
        _tempDir = Directory.CreateTempSubdirectory("knowledge-upload-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        _api.Dispose();
        Directory.Delete(_tempDir, recursive: true);
    }

    [Test]
    public async Task UploadAsync_sends_each_file_as_a_files_part_with_name_and_type_plus_the_character_id()
    {
        var path = Path.Combine(_tempDir, "handbook.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.7 hi");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("# Notes"));

        var result = await _api.Client.Knowledge.UploadAsync(
            [KnowledgeFile.FromPath(path), KnowledgeFile.FromStream(stream, "notes.md"), KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("a,b\n1,2"), "table.csv", "text/csv")],
            characterId: "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("POST"));
        var contentType = sent.Headers!["Content-Type"].Single();
        Assert.That(contentType, Does.StartWith("multipart/form-data"));
        var parts = MultipartPart.Parse(contentType, sent.BodyAsBytes!);
        Assert.That(parts, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            AssertFilePart(parts[0], "handbook.pdf", "application/pdf", "%PDF-1.7 hi");
            AssertFilePart(parts[1], "notes.md", "text/markdown", "# Notes");
            AssertFilePart(parts[2], "table.csv", "text/csv", "a,b\n1,2");
            Assert.That(parts[3].Disposition, Is.EqualTo("form-data; name=\"characterId\""));
            Assert.That(parts[3].ContentType, Is.Null);
            Assert.That(parts[3].Body, Is.EqualTo("9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f"));
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.True);
            Assert.That(result.Message, Is.EqualTo("Uploaded 1 file(s), 1 failed"));
            Assert.That((result.SuccessCount, result.FailedCount, result.TotalCount), Is.EqualTo((1, 1, 2)));
            var ok = result.Data[0];
            Assert.That((ok.Id, ok.Filename, ok.Type, ok.Size, ok.UploadedAt, ok.FragmentCount), Is.EqualTo(("9f3c", "handbook.pdf", "application/pdf", (long?)11, (long?)1714230000000, (int?)42)));
            Assert.That(ok.Status, Is.EqualTo(KnowledgeFileStatus.Success));
            var failed = result.Data[1];
            Assert.That(failed.Status, Is.EqualTo(KnowledgeFileStatus.ErrorProcessing));
            Assert.That(failed.Error, Is.EqualTo("Parse failed"));
            Assert.That(failed.Id, Is.Empty);
        });
    }

    [Test]
    public async Task UploadAsync_without_character_sends_only_file_parts()
    {
        await _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes([1, 2, 3], "data.json")]);

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.That(parts, Has.Count.EqualTo(1));
        AssertFilePart(parts[0], "data.json", "application/json", "\u0001\u0002\u0003");
    }

    [Test]
    public async Task A_non_seekable_stream_with_a_declared_length_is_streamed_and_left_open_for_the_caller()
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("streamed text"));

        var file = KnowledgeFile.FromStream(stream, "stream.txt", length: 13);
        Assert.That(stream.ReadCalls, Is.Zero, "nothing is read before sending");
        await _api.Client.Knowledge.UploadAsync([file]);

        var sent = _api.SingleRequest().RequestMessage!;
        AssertFilePart(MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!).Single(), "stream.txt", "text/plain", "streamed text");
        Assert.That(stream.Disposed, Is.False);
    }

    [Test]
    public async Task A_large_non_seekable_stream_goes_out_in_small_chunks_with_a_content_length_and_is_never_retried()
    {
        var content = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(content);
        var stream = new NonSeekableStream(content);
        var handler = new StreamingProbeHandler(stream, UploadAnswer);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        var progress = new SyncProgress();

        await client.Knowledge.UploadAsync([KnowledgeFile.FromStream(stream, "big.txt", length: content.Length)], progress: progress);

        Assert.Multiple(() =>
        {
            Assert.That(stream.BytesRead, Is.EqualTo(content.Length), "the whole stream is sent");
            Assert.That(handler.MaxReadAhead, Is.LessThanOrEqualTo(128 * 1024), "the file is read only as fast as it is written, never buffered whole");
            Assert.That(handler.ContentLength, Is.EqualTo(handler.BytesWritten), "the multipart body has an exact Content-Length");
            Assert.That(handler.Request!.IsRetryForbidden(), Is.True, "a stream that cannot seek cannot be sent twice");
            Assert.That(stream.Disposed, Is.False);
            Assert.That(progress.Reports.Last(), Is.EqualTo(new UploadProgress(handler.BytesWritten, handler.BytesWritten)), "the total is known even for a stream that cannot seek");
            Assert.That(progress.Reports.Count, Is.GreaterThan(10), "progress arrives chunk by chunk");
        });
    }

    [Test]
    public void Cancelling_during_an_upload_stops_reading_the_file_and_leaves_the_stream_open()
    {
        var content = new byte[3 * 1024 * 1024];
        var stream = new NonSeekableStream(content);
        var handler = new StreamingProbeHandler(stream, UploadAnswer);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });
        using var cts = new CancellationTokenSource();
        var cancelAfterOneMegabyte = new CallbackProgress(p =>
        {
            if (p.BytesSent > 1024 * 1024)
            {
                cts.Cancel();
            }
        });

        Assert.CatchAsync<OperationCanceledException>(() => client.Knowledge.UploadAsync([KnowledgeFile.FromStream(stream, "big.txt", length: content.Length)], progress: cancelAfterOneMegabyte, cancellationToken: cts.Token));

        Assert.That(stream.BytesRead, Is.LessThan(content.Length / 2));
        Assert.That(stream.Disposed, Is.False);
    }

    [Test]
    public async Task A_seekable_caller_stream_is_sent_from_its_position_may_be_retried_and_stays_open()
    {
        var handler = RecordingHandler.Json(UploadAnswer);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("skip:kept"));
        stream.Position = 5;

        var file = KnowledgeFile.FromStream(stream, "notes.txt");
        await client.Knowledge.UploadAsync([file]);

        var request = handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(file.Length, Is.EqualTo(4));
            Assert.That(handler.Bodies.Single(), Does.Contain("\r\n\r\nkept\r\n").And.Not.Contain("skip"));
            Assert.That(request.IsRetryForbidden(), Is.False);
            Assert.That(request.IsCreditConsuming(), Is.True, "a synchronous processing call is repeated only after failures that certainly did nothing");
            Assert.That(stream.CanRead, Is.True, "the caller's stream is not disposed");
        });
    }

    [Test]
    public async Task A_retried_upload_sends_the_same_bytes_again_from_a_rewound_stream_and_a_reopened_file()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/knowledge/upload-file").UsingPost()).InScenario("retry").WillSetStateTo("ready")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":"Knowledge service not available"}"""));
        api.Server.Given(Request.Create().WithPath("/api/v1/knowledge/upload-file").UsingPost()).InScenario("retry").WhenStateIs("ready")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(UploadAnswer));
        var path = Path.Combine(_tempDir, "again.txt");
        await File.WriteAllTextAsync(path, "from disk");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("from memory"));

        await api.Client.Knowledge.UploadAsync([KnowledgeFile.FromPath(path), KnowledgeFile.FromStream(stream, "again.md")]);

        var bodies = api.Server.LogEntries.Select(e => Encoding.UTF8.GetString(e.RequestMessage!.BodyAsBytes!)).ToList();
        Assert.That(bodies, Has.Count.EqualTo(2));
        Assert.That(bodies[1], Is.EqualTo(bodies[0]));
        Assert.That(bodies[1], Does.Contain("from disk").And.Contain("from memory"));
    }

    [Test]
    public void An_upload_with_a_non_seekable_stream_is_not_retried_even_after_a_clear_503()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/knowledge/upload-file").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":"Knowledge service not available"}"""));
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("once"));

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => api.Client.Knowledge.UploadAsync([KnowledgeFile.FromStream(stream, "once.txt", length: 4)]));

        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1));
        Assert.That(stream.Disposed, Is.False);
    }

    [Test]
    public async Task A_file_on_disk_is_closed_again_after_the_upload()
    {
        var path = Path.Combine(_tempDir, "closed.md");
        await File.WriteAllTextAsync(path, "# closed");

        await _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromPath(path)]);

        // An exclusive open fails while any other handle to the file is open.
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.That(exclusive.Length, Is.EqualTo(8));
    }

    [TestCase(10, "ended after 5 of the 10 bytes")]
    [TestCase(3, "delivers more than the 3 bytes")]
    public void A_stream_that_does_not_deliver_its_declared_length_fails_the_upload(int declared, string expected)
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("12345"));

        var ex = Assert.CatchAsync(() => _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromStream(stream, "short.txt", length: declared)]));

        Assert.That(Chain(ex!).Select(e => e.Message), Has.Some.Contains(expected));
    }

    [Test]
    public void A_seekable_stream_whose_declared_length_disagrees_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => KnowledgeFile.FromStream(new MemoryStream([1, 2, 3]), "a.txt", length: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => KnowledgeFile.FromStream(new NonSeekableStream([]), "a.txt", length: -1));
    }

    [Test]
    public async Task UploadAsync_reports_progress_up_to_the_full_body_length()
    {
        var progress = new SyncProgress();
        var bytes = new byte[200_000];
        Random.Shared.NextBytes(bytes);

        await _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes(bytes, "big.pdf")], progress: progress);

        var sentLength = _api.SingleRequest().RequestMessage!.BodyAsBytes!.Length;
        var reports = progress.Reports;
        Assert.Multiple(() =>
        {
            Assert.That(reports.First(), Is.EqualTo(new UploadProgress(0, sentLength)));
            Assert.That(reports.Last(), Is.EqualTo(new UploadProgress(sentLength, sentLength)));
            Assert.That(reports.Last().Fraction, Is.EqualTo(1.0));
            Assert.That(reports.Select(r => r.BytesSent), Is.Ordered.Ascending);
            Assert.That(reports, Has.Count.GreaterThan(2), "progress arrives while the body is written, not only at the end");
        });
    }

    [Test]
    public async Task An_upload_is_marked_credit_consuming_so_ambiguous_failures_are_not_repeated()
    {
        var handler = RecordingHandler.Json(UploadAnswer);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        await client.Knowledge.UploadAsync([KnowledgeFile.FromBytes([1], "a.txt")]);

        var request = handler.Requests.Single();
        Assert.That(request.IsCreditConsuming(), Is.True);
        Assert.That(request.RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/knowledge/upload-file"));
    }

    [Test]
    public void More_than_five_files_or_none_are_refused_before_sending()
    {
        var six = Enumerable.Range(0, 6).Select(i => KnowledgeFile.FromBytes([1], $"f{i}.txt")).ToList();

        var ex = Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Knowledge.UploadAsync(six));
        Assert.That(ex!.Message, Does.Contain("between 1 and 5"));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Knowledge.UploadAsync([]));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_batch_over_five_megabytes_is_refused_before_sending()
    {
        var half = new byte[(int)(KnowledgeLimits.MaxBatchBytes / 2) + 1];

        var ex = Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes(half, "a.txt"), KnowledgeFile.FromBytes(half, "b.txt")]));

        Assert.That(ex!.Message, Does.Contain("5 MB"));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_file_over_five_megabytes_is_refused_when_it_is_described()
    {
        var tooBig = new byte[KnowledgeLimits.MaxFileBytes + 1];
        var path = Path.Combine(_tempDir, "huge.txt");
        File.WriteAllBytes(path, tooBig);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromBytes(tooBig, "huge.txt"));
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromPath(path));
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromStream(new MemoryStream(tooBig), "huge.txt"));
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromStream(new NonSeekableStream([]), "huge.txt", length: tooBig.Length));
        });
    }

    [TestCase("page.html", null)]
    [TestCase("archive.zip", null)]
    [TestCase("noextension", null)]
    [TestCase("notes.txt", "image/png")]
    [TestCase("a:b.txt", null)]
    [TestCase("a..b.txt", null)]
    [TestCase("dir/a.txt", null)]
    public void Types_and_names_the_server_refuses_are_rejected(string fileName, string? contentType)
    {
        Assert.Throws<ArgumentException>(() => KnowledgeFile.FromBytes([1], fileName, contentType));
    }

    [Test]
    public void Streams_of_unknown_size_and_missing_files_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromStream(new NonSeekableStream([1]), "a.txt"));
            Assert.Throws<ArgumentException>(() => KnowledgeFile.FromPath(Path.Combine(_tempDir, "missing.txt")));
        });
    }

    [TestCase(".pdf", "application/pdf")]
    [TestCase(".md", "text/markdown")]
    [TestCase(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [TestCase(".doc", "application/msword")]
    [TestCase(".yml", "application/x-yaml")]
    [TestCase(".xml", "application/xml")]
    [TestCase(".CSV", "text/csv")]
    public void The_content_type_is_inferred_from_the_extension(string extension, string expected)
    {
        Assert.That(KnowledgeFile.FromBytes([1], "file" + extension).ContentType, Is.EqualTo(expected));
    }

    [Test]
    public void A_failed_upload_surfaces_the_server_error()
    {
        _api.Server.Reset();
        _api.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("""{"error":"Character not found or unauthorized"}"""));

        var ex = Assert.ThrowsAsync(Is.InstanceOf<MiladyCloudApiException>(), () => _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes([1], "a.txt")], "1d6f4b5e-7a8c-4d9e-9f2a-3b4c5d6e7f80")) as MiladyCloudApiException;

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(ex.RawBody, Does.Contain("Character not found or unauthorized"));
    }

    [Test]
    public async Task A_non_ASCII_file_name_goes_as_quoted_UTF_8_not_MIME_encoded_nor_as_filename_star()
    {
        await _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("x"), "résumé 履歴書.md")]);

        var sent = _api.SingleRequest().RequestMessage!;
        var part = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!).Single();
        var disposition = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(part.Disposition));
        Assert.That(disposition, Is.EqualTo("form-data; name=\"files\"; filename=\"résumé 履歴書.md\""));
    }

    [Test]
    public async Task A_300_character_file_name_is_sent_to_upload_file_which_has_no_length_limit_but_refused_for_pre_upload()
    {
        // upload-file checks only the characters of a name (isValidFilename); pre-upload also caps it at 255.
        var name = new string('a', 296) + ".txt";

        await _api.Client.Knowledge.UploadAsync([KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("x"), name)]);
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Knowledge.PreUploadAsync([KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("x"), name)]));

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.AbsolutePath, Is.EqualTo("/api/v1/knowledge/upload-file"));
        AssertFilePart(MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!).Single(), name, "text/plain", "x");
    }

    [Test]
    public void A_file_name_with_a_line_break_is_refused_before_sending()
    {
        Assert.Throws<ArgumentException>(() => KnowledgeFile.FromBytes([1], "a\r\nX-Injected: 1.md"));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static void AssertFilePart(MultipartPart part, string fileName, string contentType, string body)
    {
        // Exactly as browsers write it: the server's parser (Node's FormData) refuses unquoted values and filename*.
        Assert.That(part.Disposition, Is.EqualTo($"form-data; name=\"files\"; filename=\"{fileName}\""));
        Assert.That(part.ContentType, Is.EqualTo(contentType));
        Assert.That(part.Body, Is.EqualTo(body));
    }
}
