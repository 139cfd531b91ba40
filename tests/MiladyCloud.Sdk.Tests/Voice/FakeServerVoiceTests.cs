using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Voice;

/// <summary>The fake's voice routes: real audio, the service's checks and error bodies, the voice store.</summary>
public class FakeServerVoiceTests
{
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task Speech_is_real_MP3_that_transcribes_back_to_its_text()
    {
        byte[] audio;
        string contentType;
        await using (var speech = await _client.Voice.CreateSpeechAsync("Round trip through the fake."))
        {
            using var buffer = new MemoryStream();
            await speech.CopyToAsync(buffer);
            audio = buffer.ToArray();
            contentType = speech.ContentType;
        }

        var transcript = await _client.Voice.CreateTranscriptionAsync(AudioFile.FromBytes(audio, "speech.mp3"));

        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("audio/mpeg"));
            Assert.That(Encoding.ASCII.GetString(audio, 0, 3), Is.EqualTo("ID3"));
            var tagEnd = 10 + ((audio[6] << 21) | (audio[7] << 14) | (audio[8] << 7) | audio[9]);
            Assert.That((audio[tagEnd], audio[tagEnd + 1] & 0xE0), Is.EqualTo(((byte)0xFF, 0xE0)), "an MPEG frame follows the tag");
            Assert.That(transcript.Transcript, Is.EqualTo("Round trip through the fake."));
        });
    }

    [Test]
    public void Speech_to_text_refuses_content_that_is_not_audio_like_the_service()
    {
        var notAudio = AudioFile.FromBytes(Encoding.ASCII.GetBytes("just some text"), "fake.mp3");
        var png = AudioFile.FromBytes([0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 0], "image.mp3");

        var unknown = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Voice.CreateTranscriptionAsync(notAudio));
        var mismatch = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Voice.CreateTranscriptionAsync(png));

        Assert.That(unknown!.ServerMessage, Does.StartWith("Unable to verify file type."));
        Assert.That(mismatch!.ServerMessage, Does.StartWith("File content does not match the declared format. Detected: image/png"));
    }

    [Test]
    public void An_unknown_voice_is_refused_with_the_handler_message()
    {
        var error = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Voice.CreateSpeechAsync("Hi", voiceId: "no-such-voice"));

        Assert.That(error!.RawBody, Is.EqualTo("""{"error":"Invalid voice ID. Please select a different voice."}"""));
    }

    [Test]
    public async Task Bad_credentials_get_the_plain_body_on_speech_and_the_canonical_one_on_voices()
    {
        using var http = new HttpClient { BaseAddress = _fake.Url };
        using var tts = new HttpRequestMessage(HttpMethod.Post, "api/v1/voice/tts") { Content = new StringContent("""{"text":"hi"}""", Encoding.UTF8, "application/json") };
        tts.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_wrong");
        using var list = new HttpRequestMessage(HttpMethod.Get, "api/v1/voice/list");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_wrong");

        using var ttsAnswer = await http.SendAsync(tts);
        using var listAnswer = await http.SendAsync(list);

        Assert.That((ttsAnswer.StatusCode, await ttsAnswer.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.Unauthorized, """{"error":"Unauthorized"}""")));
        Assert.That(listAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await listAnswer.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"authentication_required\""));
    }

    [Test]
    public async Task A_cloned_voice_speaks_is_listed_updated_and_soft_deleted()
    {
        var sample = await SpeakAsync("Sample one.");
        var clone = await _client.Voice.CreateCloneAsync(new VoiceCloneRequest { Name = "Narrator", CloneType = VoiceCloneType.Instant, Samples = [AudioFile.FromBytes(sample, "one.mp3")] });
        await SpeakAsync("With my own voice.", clone.Voice.ElevenlabsVoiceId);

        var listed = await _client.Voice.ListAsync();
        var updated = await _client.Voice.UpdateAsync(clone.Voice.Id, new UpdateVoiceRequest { Name = "Storyteller" });
        var got = await _client.Voice.GetAsync(clone.Voice.Id);
        await _client.Voice.DeleteAsync(clone.Voice.Id);
        var active = await _client.Voice.ListAsync();
        var all = await _client.Voice.ListAsync(new VoiceListOptions { IncludeInactive = true });
        var jobs = await _client.Voice.CloneJobs.ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That((clone.Job.Status, clone.Job.Progress, clone.EstimatedCompletionTime), Is.EqualTo((VoiceCloneJobStatus.Completed, 100, "30 seconds")));
            Assert.That(listed.Voices.Single().UsageCount, Is.EqualTo(1), "speaking with the voice counts as a use");
            Assert.That(updated.Name, Is.EqualTo("Storyteller"));
            Assert.That(updated.Samples, Is.Null, "the update answer has no samples");
            Assert.That(got.Samples, Is.Empty);
            Assert.That(active.Total, Is.Zero);
            Assert.That(all.Voices.Single().IsActive, Is.False);
            Assert.That(jobs.Jobs, Is.Empty, "cloning is synchronous, so no job stays active");
        });
    }

    [Test]
    public void Unknown_voice_ids_get_the_handler_answers()
    {
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Voice.GetAsync("0e0e0e0e-0000-4000-8000-000000000000"));
        var missingPatch = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Voice.UpdateAsync("0e0e0e0e-0000-4000-8000-000000000000", new UpdateVoiceRequest { IsActive = true }));

        Assert.That(missing!.RawBody, Does.Contain("\"message\":\"Voice not found in your organization."));
        Assert.That(missingPatch!.RawBody, Is.EqualTo("""{"error":"Voice not found"}"""));
    }

    [Test]
    public async Task The_fake_refuses_clone_samples_like_the_service()
    {
        using var http = new HttpClient { BaseAddress = _fake.Url };

        // The SDK checks the type itself, so send a non-audio part by hand.
        using var form = new MultipartFormDataContent { { new StringContent("V"), "name" }, { new StringContent("instant"), "cloneType" } };
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file0", "notes.txt");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/voice/clone") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var body = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("error").GetString(), Is.EqualTo("File \"notes.txt\" has invalid type \"text/plain\". Only audio files are allowed."));
    }

    private async Task<byte[]> SpeakAsync(string text, string? voiceId = null)
    {
        await using var speech = await _client.Voice.CreateSpeechAsync(text, voiceId);
        using var buffer = new MemoryStream();
        await speech.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
