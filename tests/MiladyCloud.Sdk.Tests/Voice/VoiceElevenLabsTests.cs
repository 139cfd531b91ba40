using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Voice;

/// <summary>The two /api/elevenlabs routes with no /api/v1/voice twin: premade voices and voice readiness.</summary>
public class VoiceElevenLabsTests : WireMockClientTests
{
    private const string VoiceId = "3b6f3d2a-7c1e-4f4b-9a53-2f0c1d9e8b71";

    [Test]
    public async Task ListPremadeAsync_reads_the_site_root_route_and_keeps_the_providers_members()
    {
        Respond("/api/elevenlabs/voices", "GET", """
            {"voices":[{"voiceId":"EXAVITQu4vr4xnSDxMaL","name":"Sarah","category":"premade","labels":{"accent":"american","gender":"female"},
             "description":"Warm.","previewUrl":"https://p.example/s.mp3","settings":{"stability":0.5,"similarityBoost":0.75,"useSpeakerBoost":true},
             "samples":null,"highQualityBaseModelIds":["eleven_multilingual_v2"],"isOwner":false,"createdAtUnix":1700000000,
             "safetyControl":"NONE","voiceVerification":{"requiresVerification":false}},
             {"voiceId":"pro1","name":"Studio","category":"professional","fineTuning":{"isAllowedToFineTune":true,"state":{"eleven_multilingual_v2":"fine_tuned"},"progress":{"eleven_multilingual_v2":1}}}]}
            """);

        var voices = await Api.Client.Voice.ListPremadeAsync();

        var sent = Sent();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo("GET"));
            Assert.That(sent.AbsolutePath, Is.EqualTo("/api/elevenlabs/voices"));
            Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
            Assert.That(voices, Has.Count.EqualTo(2));
            Assert.That((voices[0].VoiceId, voices[0].Name, voices[0].Category), Is.EqualTo(("EXAVITQu4vr4xnSDxMaL", "Sarah", (ElevenLabsVoiceCategory?)ElevenLabsVoiceCategory.Premade)));
            Assert.That(voices[0].Labels!["accent"], Is.EqualTo("american"));
            Assert.That(voices[0].Settings!.SimilarityBoost, Is.EqualTo(0.75));
            Assert.That(voices[0].Samples, Is.Null);
            Assert.That(voices[0].CreatedAtUnix, Is.EqualTo(1700000000));
            Assert.That(voices[0].AdditionalProperties["safetyControl"].GetString(), Is.EqualTo("NONE"), "unknown provider members are kept");
            Assert.That(voices[1].Category, Is.EqualTo(ElevenLabsVoiceCategory.Professional));
            Assert.That(voices[1].FineTuning!.State!["eleven_multilingual_v2"], Is.EqualTo("fine_tuned"));
        });
    }

    [Test]
    public async Task VerifyAsync_maps_a_ready_instant_voice()
    {
        Respond("/api/elevenlabs/voices/verify/" + VoiceId, "GET", $$$"""
            {"success":true,"voice":{"id":"{{{VoiceId}}}","name":"Narrator","elevenlabsVoiceId":"abc123","cloneType":"instant"},
             "status":{"isReady":true,"canGenerateTTS":true,"category":"cloned","sampleCount":2,"fineTuningStatus":null,"message":"Voice is ready to use"}}
            """);

        var verification = await Api.Client.Voice.VerifyAsync(VoiceId);

        Assert.Multiple(() =>
        {
            Assert.That(Sent().AbsolutePath, Is.EqualTo("/api/elevenlabs/voices/verify/" + VoiceId));
            Assert.That((verification.Voice.Id, verification.Voice.Name, verification.Voice.ElevenlabsVoiceId, verification.Voice.CloneType),
                Is.EqualTo((VoiceId, "Narrator", "abc123", (VoiceCloneType?)VoiceCloneType.Instant)));
            Assert.That(verification.Status.IsReady, Is.True);
            Assert.That(verification.Status.CanGenerateTTS, Is.True);
            Assert.That(verification.Status.Category, Is.EqualTo(ElevenLabsVoiceCategory.Cloned));
            Assert.That(verification.Status.SampleCount, Is.EqualTo(2));
            Assert.That(verification.Status.FineTuningStatus, Is.Null);
            Assert.That(verification.Status.Message, Is.EqualTo("Voice is ready to use"));
        });
    }

    [Test]
    public async Task VerifyAsync_reads_the_answer_without_isReady_and_the_one_without_provider_facts()
    {
        // isReady is dropped by the server when a professional voice has no fine-tuning state; the provider may not know the voice at all.
        Respond("/api/elevenlabs/voices/verify/" + VoiceId, "GET", $$$"""
            {"success":true,"voice":{"id":"{{{VoiceId}}}","name":"Studio"},"status":{"canGenerateTTS":false,"message":"Voice not found in ElevenLabs or still processing"}}
            """);

        var verification = await Api.Client.Voice.VerifyAsync(VoiceId);

        Assert.That(verification.Status.IsReady, Is.Null);
        Assert.That(verification.Status.CanGenerateTTS, Is.False);
        Assert.That(verification.Voice.ElevenlabsVoiceId, Is.Null);
    }

    [TestCase("not-a-uuid")]
    [TestCase("")]
    public void VerifyAsync_refuses_an_id_that_is_not_a_uuid_before_sending(string id)
    {
        Assert.Throws<ArgumentException>(() => Api.Client.Voice.VerifyAsync(id));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void VerifyAsync_maps_the_routes_404_and_500()
    {
        Respond("/api/elevenlabs/voices/verify/" + VoiceId, "GET", """{"error":"Voice not found"}""", 404);
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => Api.Client.Voice.VerifyAsync(VoiceId));

        Api.Server.Reset();
        Respond("/api/elevenlabs/voices/verify/" + VoiceId, "GET", """{"error":"Failed to verify voice status"}""", 500);
        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => Api.Client.Voice.VerifyAsync(VoiceId));
        Assert.That(ex!.ServerMessage, Is.EqualTo("Failed to verify voice status"));
    }

    [Test]
    public async Task The_fake_lists_premade_voices_and_verifies_a_voice_it_cloned()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);
        using var audio = await client.Voice.CreateSpeechAsync("Sample one.");
        using var sample = new MemoryStream();
        await audio.CopyToAsync(sample);
        var clone = await client.Voice.CreateCloneAsync(new VoiceCloneRequest { Name = "Narrator", CloneType = VoiceCloneType.Instant, Samples = [AudioFile.FromBytes(sample.ToArray(), "one.mp3")] });

        var premade = await client.Voice.ListPremadeAsync();
        var verification = await client.Voice.VerifyAsync(clone.Voice.Id);
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Voice.VerifyAsync(Guid.NewGuid().ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(premade.Select(v => v.Category), Is.All.EqualTo((ElevenLabsVoiceCategory?)ElevenLabsVoiceCategory.Premade));
            Assert.That(premade.Select(v => v.VoiceId), Does.Contain("EXAVITQu4vr4xnSDxMaL"));
            Assert.That(verification.Voice.ElevenlabsVoiceId, Is.EqualTo(clone.Voice.ElevenlabsVoiceId));
            Assert.That(verification.Status.IsReady, Is.True);
            Assert.That(verification.Status.Message, Is.EqualTo("Voice is ready to use"));
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"error":"Voice not found"}"""));
        });
    }

    [Test]
    public void The_fake_answers_a_refused_key_like_each_handler()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = "eliza_wrong", BaseUrl = fake.BaseUrl, MaxRetries = 0 });

        var list = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.Voice.ListPremadeAsync());
        var verify = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => client.Voice.VerifyAsync(VoiceId));

        Assert.That(list!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(verify!.RawBody, Is.EqualTo("""{"error":"Failed to verify voice status"}"""));
    }
}
