using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Knowledge;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

#pragma warning disable MEAI001 // The speech interfaces are experimental in Microsoft.Extensions.AI; these tests cover the adapters over them.

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>The Microsoft.Extensions.AI speech adapters: options mapped to the wire, audio and text back, refusals, services, DI.</summary>
public class SpeechAdapterTests
{
    private static readonly byte[] Mp3 = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0xC4, 7, 7];
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeApi();
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/tts").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "audio/mpeg").WithBody(Mp3));
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/stt").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"transcript":"Bonjour","duration_ms":812}"""));
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task GetAudioAsync_maps_voice_and_model_and_returns_the_audio_with_its_media_type()
    {
        using var tts = _api.Client.Voice.AsTextToSpeechClient(defaultVoiceId: "EXAVITQu4vr4xnSDxMaL", defaultModelId: "eleven_flash_v2_5");

        var response = await tts.GetAudioAsync("Hello", new TextToSpeechOptions { ModelId = "eleven_v3", AudioFormat = "mp3" });

        using var body = JsonDocument.Parse(_api.SingleRequest().RequestMessage!.Body!);
        var audio = response.Contents.OfType<DataContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("voiceId").GetString(), Is.EqualTo("EXAVITQu4vr4xnSDxMaL"));
            Assert.That(body.RootElement.GetProperty("modelId").GetString(), Is.EqualTo("eleven_v3"));
            Assert.That(audio.MediaType, Is.EqualTo("audio/mpeg"));
            Assert.That(audio.Data.ToArray(), Is.EqualTo(Mp3));
            Assert.That(response.ModelId, Is.EqualTo("eleven_v3"));
        });
    }

    [Test]
    public async Task GetStreamingAudioAsync_passes_the_audio_on_in_chunks_that_add_up_to_the_whole()
    {
        using var tts = _api.Client.Voice.AsTextToSpeechClient();
        using var all = new MemoryStream();

        await foreach (var update in tts.GetStreamingAudioAsync("Hello", new TextToSpeechOptions { VoiceId = "pNInz6obpgDQGcFmaJgB" }))
        {
            Assert.That(update.Kind, Is.EqualTo(TextToSpeechResponseUpdateKind.AudioUpdating));
            all.Write(update.Contents.OfType<DataContent>().Single().Data.Span);
        }

        Assert.That(all.ToArray(), Is.EqualTo(Mp3));
        Assert.That(_api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"text":"Hello","voiceId":"pNInz6obpgDQGcFmaJgB"}"""));
    }

    [Test]
    public void Options_the_service_does_not_take_are_refused_before_sending()
    {
        using var tts = _api.Client.Voice.AsTextToSpeechClient();
        using var stt = _api.Client.Voice.AsSpeechToTextClient();

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => tts.GetAudioAsync("x", new TextToSpeechOptions { Speed = 1.5f }));
            Assert.ThrowsAsync<ArgumentException>(() => tts.GetAudioAsync("x", new TextToSpeechOptions { Language = "de" }));
            Assert.ThrowsAsync<ArgumentException>(() => tts.GetAudioAsync("x", new TextToSpeechOptions { AudioFormat = "wav" }));
            Assert.ThrowsAsync<ArgumentException>(() => stt.GetTextAsync(new MemoryStream(Mp3), new SpeechToTextOptions { ModelId = "whisper-1" }));
            Assert.ThrowsAsync<ArgumentException>(() => stt.GetTextAsync(new MemoryStream(Mp3), new SpeechToTextOptions { SpeechLanguage = "fr", TextLanguage = "en" }));
            Assert.ThrowsAsync<ArgumentException>(() => stt.GetTextAsync(new MemoryStream(Encoding.ASCII.GetBytes("plain text, no audio"))));
            Assert.Throws<ArgumentException>(() => _api.Client.Voice.AsTextToSpeechClient(defaultVoiceId: " "));
        });
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetTextAsync_recognises_the_format_maps_the_language_and_returns_the_transcript()
    {
        using var stt = _api.Client.Voice.AsSpeechToTextClient();

        var response = await stt.GetTextAsync(new MemoryStream(Mp3), new SpeechToTextOptions { SpeechLanguage = "fr" });

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.Multiple(() =>
        {
            Assert.That(parts[0].Disposition, Is.EqualTo("form-data; name=\"audio\"; filename=\"audio.mp3\""));
            Assert.That(parts[0].ContentType, Is.EqualTo("audio/mpeg"));
            Assert.That(parts[1].Body, Is.EqualTo("fr"));
            Assert.That(response.Text, Is.EqualTo("Bonjour"));
            Assert.That(response.RawRepresentation, Is.InstanceOf<TranscriptionResponse>());
            Assert.That(response.AdditionalProperties!["processingTimeMs"], Is.EqualTo(812L));
        });
    }

    [Test]
    public async Task A_non_seekable_stream_is_read_first_and_a_WAV_is_declared_as_such()
    {
        using var stt = _api.Client.Voice.AsSpeechToTextClient();
        var wav = Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt ");

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in stt.GetStreamingTextAsync(new NonSeekableStream(wav)))
        {
            updates.Add(update);
        }

        var sent = _api.SingleRequest().RequestMessage!;
        var parts = MultipartPart.Parse(sent.Headers!["Content-Type"].Single(), sent.BodyAsBytes!);
        Assert.That(parts[0].ContentType, Is.EqualTo("audio/wav"));
        Assert.That(Encoding.Latin1.GetBytes(parts[0].Body), Is.EqualTo(wav));
        Assert.That(string.Concat(updates.Select(u => u.Text)), Is.EqualTo("Bonjour"));
    }

    [Test]
    public void A_cancelled_token_stops_both_adapters_before_sending()
    {
        using var tts = _api.Client.Voice.AsTextToSpeechClient();
        using var stt = _api.Client.Voice.AsSpeechToTextClient();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => tts.GetAudioAsync("x", cancellationToken: cts.Token));
        Assert.CatchAsync<OperationCanceledException>(() => stt.GetTextAsync(new MemoryStream(Mp3), cancellationToken: cts.Token));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void GetService_answers_the_metadata_the_voice_client_and_itself()
    {
        using var tts = _api.Client.Voice.AsTextToSpeechClient(defaultModelId: "eleven_flash_v2_5");
        using var stt = _api.Client.Voice.AsSpeechToTextClient();

        Assert.Multiple(() =>
        {
            Assert.That(tts.GetService<TextToSpeechClientMetadata>()!.ProviderName, Is.EqualTo("elizaos.cloud"));
            Assert.That(tts.GetService<TextToSpeechClientMetadata>()!.DefaultModelId, Is.EqualTo("eleven_flash_v2_5"));
            Assert.That(stt.GetService<SpeechToTextClientMetadata>()!.ProviderUri, Is.EqualTo(_api.Options.BaseUrl));
            Assert.That(tts.GetService<VoiceClient>(), Is.SameAs(_api.Client.Voice));
            Assert.That(stt.GetService<VoiceClient>(), Is.SameAs(_api.Client.Voice));
            Assert.That(stt.GetService<ISpeechToTextClient>(), Is.SameAs(stt));
            Assert.That(stt.GetService<VoiceClient>("key"), Is.Null);
        });
    }

    [Test]
    public async Task The_DI_builder_registers_both_and_they_round_trip_through_the_fake()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var services = new ServiceCollection();
        services.AddMiladyCloud(options =>
        {
            var configured = fake.CreateOptions();
            options.ApiKey = configured.ApiKey;
            options.BaseUrl = configured.BaseUrl;
        }).AddTextToSpeechClient().AddSpeechToTextClient();
        services.AddMiladyCloud("second", options => options.ApiKey = fake.CreateOptions().ApiKey).AddSpeechToTextClient();
        await using var provider = services.BuildServiceProvider();

        var tts = provider.GetRequiredService<ITextToSpeechClient>();
        var stt = provider.GetRequiredService<ISpeechToTextClient>();
        var audio = (await tts.GetAudioAsync("Registered and working.")).Contents.OfType<DataContent>().Single();
        var text = await stt.GetTextAsync(new MemoryStream(audio.Data.ToArray()));

        Assert.That(text.Text, Is.EqualTo("Registered and working."));
        Assert.That(provider.GetRequiredKeyedService<ISpeechToTextClient>("second"), Is.Not.Null);
    }
}
