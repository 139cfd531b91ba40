using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;

// Voice: speak a sentence (the audio is streamed straight into a file, never held whole), then transcribe that file
// back (streamed upload with progress), then list the organization's cloned voices.
// Without MILADY_CLOUD_API_KEY it runs against the in-process fake, whose audio is a real (silent) MP3 that carries
// its text, so the round trip gives the sentence back.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

const string Sentence = "The quick brown fox jumps over the lazy dog.";

// 1. Text to speech, saved as it arrives.
string path;
await using (var speech = await client.Voice.CreateSpeechAsync(Sentence))
{
    path = Path.Combine(Path.GetTempPath(), $"milady-voice-{Guid.NewGuid():N}{speech.FileExtension}");
    var bytes = await speech.SaveToAsync(path);
    Console.WriteLine($"\n1) Speech: {bytes} bytes of {speech.ContentType} saved to {path}");
}

// 2. Speech to text from that file. The SDK checks the size and type before sending and streams the file.
try
{
    var progress = new Progress<UploadProgress>(p => Console.WriteLine($"2) Uploading: {(int)((p.Fraction ?? 0) * 100)}% ({p.BytesSent} of {p.TotalBytes} bytes)"));
    var transcription = await client.Voice.CreateTranscriptionAsync(AudioFile.FromPath(path), languageCode: "en", progress: progress);
    Console.WriteLine($"   Transcript: {transcription.Transcript}");
    Console.WriteLine($"   (transcribed in {transcription.DurationMs} ms on the server)");
}
finally
{
    File.Delete(path);
}

// 3. The organization's cloned voices (their ElevenlabsVoiceId is the voiceId for text to speech).
var voices = await client.Voice.ListAsync();
Console.WriteLine($"\n3) Cloned voices: {voices.Total}");
foreach (var voice in voices.Voices)
{
    Console.WriteLine($"   {voice.Name} ({voice.CloneType}) voiceId={voice.ElevenlabsVoiceId}");
}

Console.WriteLine("\nDone.");
return 0;
