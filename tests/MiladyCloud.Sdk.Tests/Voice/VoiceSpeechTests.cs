using System.Net;
using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Voice;

/// <summary>Text to speech over the wire: the body sent, the audio streamed back with its type, each error body the handler sends.</summary>
public class VoiceSpeechTests
{
    private static readonly byte[] Audio = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0xC4, 1, 2, 3];
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task CreateSpeechAsync_posts_the_text_voice_and_model_and_streams_the_audio_with_its_type()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithHeader("Cache-Control", "no-cache").WithBody(Audio));

        await using var speech = await _api.Client.Voice.CreateSpeechAsync("Hello there", voiceId: "EXAVITQu4vr4xnSDxMaL", modelId: "eleven_multilingual_v2");
        using var copy = new MemoryStream();
        var copied = await speech.CopyToAsync(copy);

        var sent = _api.SingleRequest().RequestMessage!;
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo("POST"));
            Assert.That(body.RootElement.GetProperty("text").GetString(), Is.EqualTo("Hello there"));
            Assert.That(body.RootElement.GetProperty("voiceId").GetString(), Is.EqualTo("EXAVITQu4vr4xnSDxMaL"));
            Assert.That(body.RootElement.GetProperty("modelId").GetString(), Is.EqualTo("eleven_multilingual_v2"));
            Assert.That(speech.ContentType, Is.EqualTo("audio/mpeg"));
            Assert.That(speech.FileExtension, Is.EqualTo(".mp3"));
            Assert.That(copied, Is.EqualTo(Audio.Length));
            Assert.That(copy.ToArray(), Is.EqualTo(Audio));
        });
    }

    [Test]
    public async Task Without_a_voice_or_model_only_the_text_is_sent()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithBody(Audio));

        await using var speech = await _api.Client.Voice.CreateSpeechAsync("Hi");

        Assert.That(_api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"text":"Hi"}"""));
    }

    [Test]
    public async Task SaveToAsync_writes_the_audio_to_a_file()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithBody(Audio));
        var path = Path.Combine(Path.GetTempPath(), $"speech-{Guid.NewGuid():N}.mp3");
        try
        {
            await using var speech = await _api.Client.Voice.CreateSpeechAsync("Hi");
            var written = await speech.SaveToAsync(path);

            Assert.That(written, Is.EqualTo(Audio.Length));
            Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(Audio));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("")]
    [TestCase(null)]
    public void Empty_text_is_refused_before_sending(string? text)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateSpeechAsync(text!));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Text_over_5000_characters_and_blank_ids_are_refused_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateSpeechAsync(new string('a', VoiceLimits.MaxSpeechTextLength + 1)));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateSpeechAsync("hi", voiceId: " "));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CreateSpeechAsync("hi", modelId: ""));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Exactly_5000_characters_are_sent()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithBody(Audio));

        await using var speech = await _api.Client.Voice.CreateSpeechAsync(new string('a', VoiceLimits.MaxSpeechTextLength));

        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCase(400, """{"error":"Invalid voice ID. Please select a different voice."}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(400, """{"error":"Text too long. Maximum length is 5000 characters"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(401, """{"error":"Unauthorized"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(402, """{"error":"Insufficient credits for text-to-speech","required":0.0123}""", typeof(MiladyCloudInsufficientCreditsException))]
    [TestCase(429, """{"error":"Rate limit exceeded. Please try again in a moment."}""", typeof(MiladyCloudRateLimitedException))]
    [TestCase(500, """{"error":"Failed to generate speech. Please try again."}""", typeof(MiladyCloudInternalServerErrorException))]
    [TestCase(503, """{"error":"Voice service is temporarily unavailable due to high demand. Please try again in a few moments.","type":"service_unavailable","retryAfter":"5 minutes"}""", typeof(MiladyCloudServiceUnavailableException))]
    public void Each_error_of_the_handler_maps_to_its_exception_with_the_message_and_raw_body(int status, string body, Type expected)
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Voice.CreateSpeechAsync("Hello"));

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf(expected));
            Assert.That((int)error!.StatusCode, Is.EqualTo(status));
            Assert.That(error.RawBody, Is.EqualTo(body));
            Assert.That(error.ServerMessage, Is.EqualTo(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
        });
    }

    [Test]
    public void A_200_that_is_not_audio_is_a_format_error_not_a_corrupt_recording()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html").WithBody("<html>maintenance</html>"));

        var error = Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => _api.Client.Voice.CreateSpeechAsync("Hello"));

        Assert.That(error!.RawBody, Does.Contain("maintenance"));
    }

    [Test]
    public async Task The_audio_is_a_forward_only_stream_over_the_response_body()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithBody(new byte[4 * 1024 * 1024]));

        await using var speech = await _api.Client.Voice.CreateSpeechAsync("Hello");

        Assert.That(speech.Content.CanSeek, Is.False, "a forward-only stream over the response body, not a buffer");
        Assert.That(() => speech.Content.Length, Throws.InstanceOf<NotSupportedException>());
        var first = new byte[16];
        Assert.That(await speech.Content.ReadAsync(first), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_SpeechAudio_can_be_built_over_any_stream_for_mocks()
    {
        await using var speech = new SpeechAudio(new MemoryStream(Encoding.ASCII.GetBytes("RIFF")), "audio/wav");
        using var copy = new MemoryStream();

        await speech.CopyToAsync(copy);

        Assert.That((speech.FileExtension, copy.Length), Is.EqualTo((".wav", 4L)));
    }

    [Test]
    public void The_request_is_marked_credit_consuming_so_an_ambiguous_500_is_not_repeated()
    {
        using var api = new FakeApi(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.InternalServerError).WithBody("""{"error":"Failed to generate speech. Please try again."}"""));

        Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Voice.CreateSpeechAsync("Hello"));

        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1));
    }
}
