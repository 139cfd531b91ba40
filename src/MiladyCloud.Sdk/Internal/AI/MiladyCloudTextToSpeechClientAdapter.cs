using System.Buffers;
using System.Runtime.CompilerServices;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI; this adapter implements it on purpose.

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary><see cref="Ai.ITextToSpeechClient"/> over the text-to-speech endpoint.</summary>
internal sealed class MiladyCloudTextToSpeechClientAdapter : Ai.ITextToSpeechClient
{
    private const int ChunkSize = 64 * 1024;
    private readonly VoiceClient _voice;
    private readonly string? _defaultVoiceId;
    private readonly string? _defaultModelId;
    private readonly Ai.TextToSpeechClientMetadata _metadata;
    private readonly long _maxResponseBytes;

    public MiladyCloudTextToSpeechClientAdapter(VoiceClient voice, Uri? endpoint, long maxResponseBytes, string? defaultVoiceId, string? defaultModelId)
    {
        _voice = voice;
        _maxResponseBytes = maxResponseBytes;
        _defaultVoiceId = defaultVoiceId;
        _defaultModelId = defaultModelId;
        _metadata = new Ai.TextToSpeechClientMetadata(AiProvider.Name, endpoint, defaultModelId);
    }

    /// <summary>
    /// The interface returns the audio as bytes, so this one holds it whole, at most <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>
    /// of it (a server or proxy that never stops sending must not exhaust memory); use the streaming method to avoid holding it.
    /// </summary>
    public async Task<Ai.TextToSpeechResponse> GetAudioAsync(string text, Ai.TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = BuildRequest(text, options);
        var audio = await _voice.CreateSpeechAsync(request, cancellationToken).ConfigureAwait(false);
        await using var _ = audio.ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(audio, cancellationToken).ConfigureAwait(false);
        return new Ai.TextToSpeechResponse([new Ai.DataContent(bytes, MediaType(audio))])
        {
            ModelId = request.ModelId,
            RawRepresentation = request,
        };
    }

    public async IAsyncEnumerable<Ai.TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, Ai.TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = BuildRequest(text, options);
        var audio = await _voice.CreateSpeechAsync(request, cancellationToken).ConfigureAwait(false);
        await using var _ = audio.ConfigureAwait(false);
        var mediaType = MediaType(audio);
        while (true)
        {
            // A fresh array per chunk: the update hands it to the caller, who may keep it.
            var chunk = new byte[ChunkSize];
            var read = await audio.Content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            yield return new Ai.TextToSpeechResponseUpdate([new Ai.DataContent(chunk.AsMemory(0, read), mediaType)])
            {
                Kind = Ai.TextToSpeechResponseUpdateKind.AudioUpdating,
                ModelId = request.ModelId,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.TextToSpeechClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_voice) ? _voice
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The VoiceClient belongs to its MiladyCloudClient.
    }

    /// <summary>
    /// The whole audio, read by the same bounded reader as JSON bodies: refused past the limit as soon as the declared
    /// length or the bytes read pass it (a declared length is checked first: waiting for bytes that would be refused anyway
    /// could stall until the idle deadline).
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(SpeechAudio audio, CancellationToken cancellationToken)
    {
        const string What = "The text-to-speech audio";
        if (audio.ContentLength > _maxResponseBytes)
        {
            throw BodyDecoding.TooLarge(What, _maxResponseBytes);
        }

        using var body = await PooledContent.ReadAsync(new StreamContent(audio.Content), _maxResponseBytes, What, cancellationToken).ConfigureAwait(false);
        return body.Sequence.ToArray();
    }

    /// <summary>DataContent wants a bare media type; the header may carry parameters.</summary>
    private static string MediaType(SpeechAudio audio) => VoiceLimits.BaseType(audio.ContentType);

    private TextToSpeechRequest BuildRequest(string text, Ai.TextToSpeechOptions? options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var template = options?.RawRepresentationFactory?.Invoke(this) as TextToSpeechRequest;
        if (options is not null)
        {
            RefuseUnsupported(options);
        }

        var request = template ?? new TextToSpeechRequest { Text = text };
        request.Text = text;
        request.VoiceId = options?.VoiceId ?? template?.VoiceId ?? _defaultVoiceId;
        request.ModelId = options?.ModelId ?? template?.ModelId ?? _defaultModelId;
        return request;
    }

    /// <summary>The service reads only the text, voice and model: anything else is refused, not silently ignored.</summary>
    private static void RefuseUnsupported(Ai.TextToSpeechOptions options)
    {
        if (options.Language is not null || options.Speed is not null || options.Pitch is not null || options.Volume is not null)
        {
            throw new ArgumentException("The service takes only a voice and a model: TextToSpeechOptions.Language, Speed, Pitch and Volume must be unset (the voice's own language and settings apply).", nameof(options));
        }

        if (options.AudioFormat is { } format && !(format.Equals("mp3", StringComparison.OrdinalIgnoreCase) || format.Equals("audio/mpeg", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The service answers MP3 (audio/mpeg) only, not '{format}'.", nameof(options));
        }
    }
}
