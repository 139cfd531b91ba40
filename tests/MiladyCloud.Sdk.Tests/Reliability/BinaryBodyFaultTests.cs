using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

#pragma warning disable MEAI001 // The text-to-speech interface is experimental in Microsoft.Extensions.AI; its adapter is under test.

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// The bodies the SDK hands on as bytes rather than JSON: text-to-speech audio (the raw stream of
/// <see cref="VoiceClient.CreateSpeechAsync(string, string?, string?, CancellationToken)"/> and the
/// Microsoft.Extensions.AI adapter over it), generated-image downloads, and the container log stream. Whatever the
/// body, a failed read is one of the SDK's exceptions with no credential in it; what the SDK holds whole is bounded.
/// </summary>
[Category("Faults")]
public class BinaryBodyFaultTests
{
    private const string Key = "eliza_a0d10a0d10a0d10a0d10a0d10a0d10a0d10a0d10a0d10a0d10a0d10a0d1";
    private const string Session = "privy-session-a0d10-token";
    private const int Limit = 64 * 1024;

    private static readonly byte[] Audio = [.. "ID3"u8, .. Enumerable.Range(0, 8 * 1024).Select(i => (byte)(i * 7))];

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    public async Task Corrupt_compressed_audio_read_from_the_stream_is_a_format_error_without_the_credentials(string encoding)
    {
        using var server = AnsweringAudio(Payloads.Corrupt("ID3 audio frames " + Key, encoding), "Content-Encoding: " + encoding);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        using var client = Client(server, o => { o.ApiKey = Key; o.SessionToken = Session; o.LoggerFactory = loggerFactory; });

        var outcome = await OutcomeAsync(CopyAudioAsync(client, Stream.Null));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>(), "not the decoder's own InvalidDataException or InvalidOperationException");
        Assert.That(outcome!.Message, Does.Contain("text-to-speech audio").And.Contain("could not be decoded"));
        Assert.That(outcome.InnerException, Is.Not.Null, "the decoder's failure is kept as the cause");
        AssertNoCredential([outcome.ToString(), .. logs.GetSnapshot().Select(r => r.Message + " " + r.Exception)]);
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task Corrupt_compressed_audio_saved_to_a_file_is_a_format_error_and_leaves_no_file(string encoding)
    {
        using var server = AnsweringAudio(Payloads.Corrupt("ID3 audio frames", encoding), "Content-Encoding: " + encoding);
        using var client = Client(server);
        var path = Path.Combine(Path.GetTempPath(), $"milady-corrupt-{Guid.NewGuid():N}.mp3");

        var outcome = await OutcomeAsync(SaveAudioAsync(client, path));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(File.Exists(path), Is.False, "the partial file is deleted");
    }

    [TestCase("gzip", false)]
    [TestCase("br", false)]
    [TestCase("gzip", true)]
    [TestCase("br", true)]
    public async Task Corrupt_compressed_audio_through_the_speech_adapter_is_a_format_error(string encoding, bool streaming)
    {
        using var server = AnsweringAudio(Payloads.Corrupt("ID3 audio frames", encoding), "Content-Encoding: " + encoding);
        using var client = Client(server);
        using var tts = client.Voice.AsTextToSpeechClient();

        var outcome = await OutcomeAsync(streaming ? ReadAllAsync(tts.GetStreamingAudioAsync("Hello")) : tts.GetAudioAsync("Hello"));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(outcome!.Message, Does.Contain("could not be decoded"));
    }

    [Test]
    public async Task Compressed_audio_that_is_valid_decodes_to_the_bytes_sent()
    {
        using var server = AnsweringAudio(Payloads.Compress(Audio, "br"), "Content-Encoding: br");
        using var client = Client(server);
        using var copy = new MemoryStream();

        await CopyAudioAsync(client, copy).WaitAsync(HangBound);

        Assert.That(copy.ToArray(), Is.EqualTo(Audio));
    }

    [Test]
    public async Task Audio_cut_short_is_a_connection_error_that_counts_the_bytes_received()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: 100000\r\n\r\nID3");
            c.Close();
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(CopyAudioAsync(client, Stream.Null));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(outcome!.Message, Does.Contain("after 3 bytes of audio"));
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task GetAudioAsync_holds_audio_of_exactly_MaxResponseBytes_and_refuses_one_byte_more(int excess)
    {
        var audio = new byte[Limit + excess];
        Random.Shared.NextBytes(audio);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (var offset = 0; offset < audio.Length; offset += 1000)
            {
                await c.WriteChunkAsync(audio[offset..Math.Min(audio.Length, offset + 1000)]);
            }

            await c.WriteAsync("0\r\n\r\n");
        });
        using var client = Client(server, o => o.MaxResponseBytes = Limit);
        using var tts = client.Voice.AsTextToSpeechClient();

        var call = tts.GetAudioAsync("Hello");
        var outcome = await OutcomeAsync(call);

        if (excess == 0)
        {
            Assert.That(outcome, Is.Null);
            Assert.That(call.Result.Contents.OfType<DataContent>().Single().Data.ToArray(), Is.EqualTo(audio));
            return;
        }

        AssertTooLarge(outcome);
    }

    [Test]
    public async Task GetAudioAsync_refuses_a_declared_length_beyond_MaxResponseBytes_before_reading_the_body()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: {Limit + 1}\r\n\r\n");
            await c.HoldAsync();
        });
        using var client = Client(server, o => o.MaxResponseBytes = Limit);
        using var tts = client.Voice.AsTextToSpeechClient();

        var outcome = await OutcomeAsync(tts.GetAudioAsync("Hello"));

        AssertTooLarge(outcome);
    }

    [Test]
    public async Task The_raw_audio_stream_and_the_streaming_adapter_are_not_bounded_by_MaxResponseBytes()
    {
        // Decided in docs/reliability.md (Limits): a caller that reads a stream chooses how much to read, and the SDK
        // holds only one read's buffer of it, so MaxResponseBytes does not apply.
        var audio = new byte[4 * Limit];
        Random.Shared.NextBytes(audio);
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(200, audio, "audio/mpeg");
            }
        });
        using var client = Client(server, o => o.MaxResponseBytes = Limit);
        using var tts = client.Voice.AsTextToSpeechClient();
        using var copy = new MemoryStream();

        await CopyAudioAsync(client, copy).WaitAsync(HangBound);
        var updates = await ReadAllAsync(tts.GetStreamingAudioAsync("Hello")).WaitAsync(HangBound);

        Assert.That(copy.ToArray(), Is.EqualTo(audio));
        Assert.That(updates.SelectMany(u => u.Contents.OfType<DataContent>().Single().Data.ToArray()), Is.EqualTo(audio));
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task A_corrupt_compressed_image_download_is_a_format_error(string encoding)
    {
        var corrupt = Payloads.Corrupt("\u0089PNG image data", encoding);
        using var storage = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.RespondAsync(200, corrupt, "image/png", "Content-Encoding: " + encoding);
        });
        using var client = Client(new Uri("http://localhost:1/api/v1/"), o => o.ApiKey = Key);
        var image = new GeneratedImageResult(new Models.GeneratedImage { Url = $"http://127.0.0.1:{storage.Port}/img.png" }, client.Pipeline);

        var outcome = await OutcomeAsync(image.GetBytesAsync());

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(outcome!.Message, Does.Contain("could not be decoded"));
        AssertNoCredential([outcome.ToString()]);
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task A_corrupt_compressed_container_log_stream_is_a_format_error(string encoding)
    {
        var corrupt = Payloads.Corrupt("""data: {"type":"log","timestamp":"2026-01-15T12:00:00Z","level":"info","message":"up"}""" + "\n\n", encoding);
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.RespondAsync(200, corrupt, "text/event-stream", "Content-Encoding: " + encoding);
        });
        using var client = Client(server, o => o.ApiKey = Key);

        var outcome = await OutcomeAsync(ReadAllAsync(client.Containers.StreamLogsAsync(Guid.NewGuid().ToString())));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(outcome!.Message, Does.Contain("could not be decoded"));
        AssertNoCredential([outcome.ToString()]);
    }

    private static RawServer AnsweringAudio(byte[] body, params string[] headers)
        => new(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(200, body, "audio/mpeg", headers);
            }
        });

    private static async Task CopyAudioAsync(MiladyCloudClient client, Stream destination)
    {
        await using var speech = await client.Voice.CreateSpeechAsync("Hello");
        await speech.CopyToAsync(destination);
    }

    private static async Task SaveAudioAsync(MiladyCloudClient client, string path)
    {
        await using var speech = await client.Voice.CreateSpeechAsync("Hello");
        await speech.SaveToAsync(path);
    }

    private static void AssertTooLarge(Exception? outcome)
    {
        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
        var tooLarge = (MiladyCloudResponseTooLargeException)outcome!;
        Assert.That(tooLarge.LimitName, Is.EqualTo("MaxResponseBytes"));
        Assert.That(tooLarge.Limit, Is.EqualTo(Limit));
        Assert.That(tooLarge.Message, Does.Contain("text-to-speech audio").And.Contain("MaxResponseBytes").And.Contain("65,536"));
    }

    private static void AssertNoCredential(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            Assert.That(text.Contains(Key[6..], StringComparison.OrdinalIgnoreCase), Is.False, $"the key leaked: {text}");
            Assert.That(text.Contains(Session, StringComparison.OrdinalIgnoreCase), Is.False, $"the session token leaked: {text}");
        }
    }
}
