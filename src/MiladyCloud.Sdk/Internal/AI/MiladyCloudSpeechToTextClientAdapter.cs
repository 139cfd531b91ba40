using System.Runtime.CompilerServices;
using MiladyCloud.Sdk.Internal.Upload;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI; this adapter implements it on purpose.

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary><see cref="Ai.ISpeechToTextClient"/> over the speech-to-text endpoint.</summary>
internal sealed class MiladyCloudSpeechToTextClientAdapter : Ai.ISpeechToTextClient
{
    /// <summary>The member of <c>AdditionalProperties</c> that carries the server's processing time in milliseconds.</summary>
    public const string ProcessingTimeKey = "processingTimeMs";

    private readonly VoiceClient _voice;
    private readonly Ai.SpeechToTextClientMetadata _metadata;

    public MiladyCloudSpeechToTextClientAdapter(VoiceClient voice, Uri? endpoint)
    {
        _voice = voice;
        _metadata = new Ai.SpeechToTextClientMetadata(AiProvider.Name, endpoint, defaultModelId: null);
    }

    public async Task<Ai.SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, Ai.SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var languageCode = LanguageOf(options);
        var audio = await ToAudioFileAsync(audioSpeechStream, cancellationToken).ConfigureAwait(false);
        var result = await _voice.CreateTranscriptionAsync(audio, languageCode, progress: null, cancellationToken).ConfigureAwait(false);
        return new Ai.SpeechToTextResponse(result.Transcript)
        {
            RawRepresentation = result,
            AdditionalProperties = new Ai.AdditionalPropertiesDictionary { [ProcessingTimeKey] = result.DurationMs },
        };
    }

    /// <summary>The service answers once with the whole transcript, so the "stream" is that answer as updates.</summary>
    public async IAsyncEnumerable<Ai.SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, Ai.SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.SpeechToTextClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_voice) ? _voice
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The VoiceClient belongs to its MiladyCloudClient.
    }

    private static string? LanguageOf(Ai.SpeechToTextOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        if (options.ModelId is not null)
        {
            throw new ArgumentException("The service has one transcription model and takes no model id; leave SpeechToTextOptions.ModelId unset.", nameof(options));
        }

        if (options.TextLanguage is not null && !string.Equals(options.TextLanguage, options.SpeechLanguage, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The service transcribes without translating: SpeechToTextOptions.TextLanguage must be unset or equal to SpeechLanguage.", nameof(options));
        }

        return string.IsNullOrWhiteSpace(options.SpeechLanguage) ? null : options.SpeechLanguage;
    }

    /// <summary>
    /// A seekable stream is uploaded from its position in chunks; a non-seekable one is read into memory (at most the
    /// upload limit), since the size must be known before sending. Either way the format is recognised from its start.
    /// </summary>
    private static async Task<AudioFile> ToAudioFileAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            var start = stream.Position;
            var header = new byte[AudioSniffer.HeaderLength];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = start;
            var (type, extension) = Recognise(header.AsSpan(0, read));
            return AudioFile.FromStream(stream, "audio" + extension, type);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int count;
        while ((count = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + count > VoiceLimits.MaxTranscriptionBytes)
            {
                throw new ArgumentException($"The audio is longer than the {VoiceLimits.MaxTranscriptionBytes} bytes (25 MB) speech to text accepts.", "audioSpeechStream");
            }

            buffer.Write(chunk, 0, count);
        }

        var bytes = buffer.ToArray();
        var (contentType, ext) = Recognise(bytes.AsSpan(0, Math.Min(bytes.Length, AudioSniffer.HeaderLength)));
        return AudioFile.FromBytes(bytes, "audio" + ext, contentType);
    }

    private static (string ContentType, string Extension) Recognise(ReadOnlySpan<byte> header)
        => AudioSniffer.Detect(header)
            ?? throw new ArgumentException("The audio is not in a format the service transcribes (MP3, WAV, Ogg, WebM or MP4/M4A), judging by its first bytes.", "audioSpeechStream");
}
