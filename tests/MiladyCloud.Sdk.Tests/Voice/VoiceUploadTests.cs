using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Knowledge;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Voice;

/// <summary>Speech to text and cloning: the multipart bodies, the limits checked before sending, progress, retries, errors.</summary>
public class VoiceUploadTests
{
    private const string TranscriptAnswer = """{"transcript":"Hello, this is a test.","duration_ms":3245}""";
    private const string CloneAnswer = """
        {"success":true,
         "voice":{"id":"123e4567-e89b-42d3-a456-426614174000","elevenlabsVoiceId":"xyz789abcdefghijklmn","name":"My Voice","description":null,"cloneType":"instant","status":"completed","sampleCount":2,"createdAt":"2026-04-27T10:30:00.000Z"},
         "job":{"id":"5b1f0c7e-2a44-4d0e-9b7a-0f6c1d2e3f40","status":"completed","progress":100},
         "creditsDeducted":0.5,"estimatedCompletionTime":"30 seconds"}
        """;

    private static readonly byte[] Mp3 = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0xC4];
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeApi();
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/stt").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(TranscriptAnswer));
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/clone").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(CloneAnswer));
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task CreateTranscriptionAsync_sends_the_audio_part_and_the_language_and_reads_the_transcript()
    {
        var progress = new SyncProgress();

        var result = await _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "memo.mp3"), languageCode: "en", progress: progress);

        var sent = _api.SingleRequest().RequestMessage!;
        var contentType = sent.Headers!["Content-Type"].Single();
        var parts = MultipartPart.Parse(contentType, sent.BodyAsBytes!);
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Does.StartWith("multipart/form-data"));
            Assert.That(parts, Has.Count.EqualTo(2));
            Assert.That(parts[0].Disposition, Is.EqualTo("form-data; name=\"audio\"; filename=\"memo.mp3\""));
            Assert.That(parts[0].ContentType, Is.EqualTo("audio/mpeg"));
            Assert.That(Encoding.Latin1.GetBytes(parts[0].Body), Is.EqualTo(Mp3));
            Assert.That(parts[1].Disposition, Is.EqualTo("form-data; name=\"languageCode\""));
            Assert.That(parts[1].Body, Is.EqualTo("en"));
            Assert.That(result.Transcript, Is.EqualTo("Hello, this is a test."));
            Assert.That(result.DurationMs, Is.EqualTo(3245));
            Assert.That(progress.Reports[0].BytesSent, Is.Zero);
            Assert.That(progress.Reports[^1].BytesSent, Is.EqualTo(progress.Reports[^1].TotalBytes));
            Assert.That(progress.Reports[^1].TotalBytes, Is.EqualTo(sent.BodyAsBytes!.Length));
        });
    }

    [Test]
    public async Task Without_a_language_only_the_audio_is_sent()
    {
        await _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "memo.wav"));

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.That(parts.Select(p => p.ContentType), Is.EqualTo(new[] { "audio/wav" }));
    }

    [Test]
    public void Audio_over_25_MB_empty_audio_an_unaccepted_type_and_a_blank_language_are_refused_before_sending()
    {
        var tooLarge = AudioFile.FromStream(new NonSeekableStream([]), "long.mp3", length: VoiceLimits.MaxTranscriptionBytes + 1);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateTranscriptionAsync(tooLarge));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes([], "empty.mp3")));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "notes.txt")));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "a.flac", "audio/flac")));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "a.mp3"), languageCode: " "));
        });
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task A_declared_type_with_parameters_is_accepted_as_the_server_ignores_them()
    {
        await _api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "rec.webm", "audio/webm;codecs=opus"));

        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Unsafe_file_names_are_refused_when_the_file_is_described()
    {
        Assert.Throws<ArgumentException>(() => AudioFile.FromBytes(Mp3, "a\"b.mp3"));
        Assert.Throws<ArgumentException>(() => AudioFile.FromBytes(Mp3, "line\r\nbreak.mp3"));
        Assert.Throws<ArgumentException>(() => AudioFile.FromStream(new NonSeekableStream(Mp3), "x.mp3"));
    }

    [Test]
    public void A_non_seekable_stream_is_sent_once_only_even_when_retries_are_allowed()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/stt").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":"Speech-to-text service is temporarily unavailable due to high demand. Please try again shortly.","type":"service_unavailable","retryAfter":"5 minutes"}"""));
        var stream = new NonSeekableStream(Mp3);

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromStream(stream, "memo.mp3", length: Mp3.Length)));

        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1));
        Assert.That(stream.Disposed, Is.False, "the caller's stream stays the caller's");
    }

    [TestCase(400, """{"error":"File content does not match the declared format. Detected: image/png, Expected audio format."}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(401, """{"error":"Unauthorized"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(402, """{"error":"Speech-to-Text requires a paid plan. Please upgrade to continue."}""", typeof(MiladyCloudInsufficientCreditsException))]
    [TestCase(402, """{"error":"Insufficient credits for speech-to-text","required":0.4}""", typeof(MiladyCloudInsufficientCreditsException))]
    [TestCase(429, """{"error":"Rate limit exceeded. Please try again in a moment."}""", typeof(MiladyCloudRateLimitedException))]
    [TestCase(500, """{"error":"Failed to transcribe audio. Please try again."}""", typeof(MiladyCloudInternalServerErrorException))]
    public void Each_transcription_error_maps_to_its_exception(int status, string body, Type expected)
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/stt").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(Mp3, "memo.mp3")));

        Assert.That((error!.GetType(), (int)error.StatusCode, error.RawBody), Is.EqualTo((expected, status, body)));
    }

    [Test]
    public async Task CreateCloneAsync_sends_the_fields_the_settings_as_JSON_text_and_numbered_file_parts()
    {
        var settings = new Dictionary<string, JsonElement> { ["language"] = JsonDocument.Parse("\"de\"").RootElement, ["stability"] = JsonDocument.Parse("0.5").RootElement };
        var progress = new SyncProgress();

        var result = await _api.Client.Voice.CreateCloneAsync(
            new VoiceCloneRequest
            {
                Name = "My Voice",
                CloneType = VoiceCloneType.Instant,
                Description = "Calm",
                Settings = settings,
                Samples = [AudioFile.FromBytes(Mp3, "one.mp3"), AudioFile.FromBytes(Mp3, "two.wav")],
            },
            progress);

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.Multiple(() =>
        {
            Assert.That(parts.Select(p => p.Disposition), Is.EqualTo(new[]
            {
                "form-data; name=\"name\"", "form-data; name=\"cloneType\"", "form-data; name=\"description\"", "form-data; name=\"settings\"",
                "form-data; name=\"file0\"; filename=\"one.mp3\"", "form-data; name=\"file1\"; filename=\"two.wav\"",
            }));
            Assert.That(parts.Take(4).Select(p => p.Body), Is.EqualTo(new[] { "My Voice", "instant", "Calm", """{"language":"de","stability":0.5}""" }));
            Assert.That(parts.Skip(4).Select(p => p.ContentType), Is.EqualTo(new[] { "audio/mpeg", "audio/wav" }));
            Assert.That(result.Voice.Id, Is.EqualTo("123e4567-e89b-42d3-a456-426614174000"));
            Assert.That(result.Voice.ElevenlabsVoiceId, Is.EqualTo("xyz789abcdefghijklmn"));
            Assert.That(result.Voice.Status, Is.EqualTo(VoiceCloneJobStatus.Completed));
            Assert.That(result.Job.Progress, Is.EqualTo(100));
            Assert.That(result.CreditsDeducted, Is.EqualTo(0.5));
            Assert.That(result.EstimatedCompletionTime, Is.EqualTo("30 seconds"));
            Assert.That(progress.Reports[^1].BytesSent, Is.EqualTo(sent.BodyAsBytes!.Length));
        });
    }

    [Test]
    public void Clone_limits_are_checked_before_sending()
    {
        VoiceCloneRequest With(IReadOnlyList<AudioFile> samples, string name = "V", string type = "instant")
            => new() { Name = name, CloneType = new VoiceCloneType(type), Samples = samples };
        var one = AudioFile.FromBytes(Mp3, "s.mp3");
        var tooBig = AudioFile.FromStream(new NonSeekableStream([]), "big.mp3", length: VoiceLimits.MaxCloneSampleBytes + 1);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([])));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With(Enumerable.Repeat(one, 11).ToList())));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([tooBig])));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([AudioFile.FromBytes([], "e.mp3")])));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([AudioFile.FromBytes(Mp3, "doc.pdf")])));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([one], name: " ")));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateCloneAsync(With([one], type: "deluxe")));
        });
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Ten_samples_of_10_MB_are_within_the_limits_but_eleven_are_not()
    {
        var sample = AudioFile.FromStream(new NonSeekableStream([]), "s.mp3", length: VoiceLimits.MaxCloneSampleBytes);
        var request = new VoiceCloneRequest { Name = "V", CloneType = VoiceCloneType.Professional, Samples = Enumerable.Repeat(sample, 10).ToList() };

        // Within the limits, so it is sent; the empty stream then fails the upload, not the check.
        Assert.That(() => _api.Client.Voice.CreateCloneAsync(request), Throws.Exception.Not.InstanceOf<ArgumentException>());
    }

    [TestCase(400, """{"error":"Invalid settings JSON"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(401, """{"success":false,"error":"Invalid or expired API key","code":"authentication_required"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(402, """{"error":"Insufficient balance","details":{"required":1.5,"cloneType":"instant"}}""", typeof(MiladyCloudInsufficientCreditsException))]
    [TestCase(500, """{"error":"Failed to create voice clone. Credits have been refunded.","details":"provider down"}""", typeof(MiladyCloudInternalServerErrorException))]
    [TestCase(503, """{"error":"Voice cloning service is temporarily unavailable due to high demand. Please try again shortly.","type":"service_unavailable","retryAfter":"1 hour"}""", typeof(MiladyCloudServiceUnavailableException))]
    public void Each_clone_error_maps_to_its_exception(int status, string body, Type expected)
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/clone").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Voice.CreateCloneAsync(new VoiceCloneRequest { Name = "V", CloneType = VoiceCloneType.Instant, Samples = [AudioFile.FromBytes(Mp3, "s.mp3")] }));

        Assert.That((error!.GetType(), (int)error.StatusCode, error.RawBody), Is.EqualTo((expected, status, body)));
    }

    [Test]
    public void A_clone_is_never_repeated_after_an_ambiguous_failure()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/clone").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("bad gateway"));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Voice.CreateCloneAsync(new VoiceCloneRequest { Name = "V", CloneType = VoiceCloneType.Instant, Samples = [AudioFile.FromBytes(Mp3, "s.mp3")] }));

        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1));
    }
}
