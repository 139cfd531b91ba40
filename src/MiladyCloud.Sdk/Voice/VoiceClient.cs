using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Upload;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Voice (<c>/voice</c>): text to speech, speech to text, voice cloning and the organization's cloned voices. Obtain
/// it from <see cref="MiladyCloudClient.Voice"/>. None of these routes is rate limited by the service.
/// </summary>
/// <remarks>
/// The service answers the same features under <c>/api/elevenlabs/…</c> (the same handlers, named after the voice
/// provider). The SDK uses <c>/api/v1/voice</c>: it is the provider-neutral API the service documents for API
/// keys, and it will keep working if the provider changes. Only the two routes with no <c>/api/v1</c> twin
/// (<see cref="ListPremadeAsync"/>, <see cref="VerifyAsync"/>) go to <c>/api/elevenlabs</c>. See <c>docs/voice.md</c>.
/// </remarks>
public class VoiceClient : CategoryClient
{
    private const int DefaultListAllPageSize = 100;
    private const int MaxListWindow = 100;
    private readonly VoiceCloneJobsClient? _cloneJobs;

    /// <summary>For mocking frameworks.</summary>
    protected VoiceClient()
    {
    }

    internal VoiceClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
        _cloneJobs = new VoiceCloneJobsClient(pipeline);
    }

    /// <summary>The active cloning jobs, and a wait for one to finish.</summary>
    public virtual VoiceCloneJobsClient CloneJobs => _cloneJobs ?? throw new InvalidOperationException("This client was created for mocking and has no pipeline; override the members you call.");

    /// <summary>
    /// Speaks <see cref="TextToSpeechRequest.Text"/> and returns the audio as the server generates it. The call returns
    /// once the answer starts; read, copy or save <see cref="SpeechAudio"/> and dispose it. The audio is never buffered
    /// whole. Credits are spent when the audio starts, so a failure after that is not retried.
    /// </summary>
    /// <param name="request">The text (1–5000 characters), and optionally the voice and model.</param>
    /// <param name="cancellationToken">Cancels the call (the audio's reads take their own token).</param>
    /// <returns>The audio stream with its content type.</returns>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="VoiceLimits.MaxSpeechTextLength"/>, or a voice or model id is blank.</exception>
    /// <exception cref="MiladyCloudInsufficientCreditsException">The organization's balance does not cover the speech.</exception>
    /// <exception cref="MiladyCloudResponseFormatException">The server answered 200 with something other than audio.</exception>
    public virtual async Task<SpeechAudio> CreateSpeechAsync(TextToSpeechRequest request, CancellationToken cancellationToken = default)
    {
        ValidateSpeech(request);
        var message = Pipeline.CreateJsonRequest(HttpMethod.Post, "voice/tts", request, MiladyCloudJsonContext.Default.TextToSpeechRequest, SendFlags.ConsumesCredits);
        HttpResponseMessage? response = null;
        try
        {
            response = await Pipeline.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await Pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var contentType = await AudioContentTypeAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new SpeechAudio(new AudioBodyStream(body, response, message, Pipeline.Options), contentType, response.Content.Headers.ContentLength);
        }
        catch
        {
            response?.Dispose();
            message.Dispose();
            throw;
        }
    }

    /// <summary>Speaks a text; see <see cref="CreateSpeechAsync(TextToSpeechRequest, CancellationToken)"/>.</summary>
    /// <param name="text">The text, 1–5000 characters.</param>
    /// <param name="voiceId">The provider voice id (a cloned voice's <see cref="UserVoiceSummary.ElevenlabsVoiceId"/>); the service's default voice when <see langword="null"/>.</param>
    /// <param name="modelId">The speech model, such as <c>eleven_multilingual_v2</c>; the service's default (<c>eleven_flash_v2_5</c>) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audio stream with its content type.</returns>
    /// <exception cref="ArgumentException">The text is empty or too long, or a voice or model id is blank.</exception>
    public virtual Task<SpeechAudio> CreateSpeechAsync(string text, string? voiceId = null, string? modelId = null, CancellationToken cancellationToken = default)
        => CreateSpeechAsync(new TextToSpeechRequest { Text = text!, VoiceId = voiceId, ModelId = modelId }, cancellationToken);

    /// <summary>
    /// Transcribes one audio file, uploaded as <c>multipart/form-data</c> in small chunks (never buffered). Its size
    /// (at most 25 MB, not empty) and declared type (<see cref="VoiceLimits.TranscriptionContentTypes"/>) are checked
    /// before anything is sent; the server also checks that the content really is audio of such a format.
    /// </summary>
    /// <param name="audio">The audio.</param>
    /// <param name="languageCode">The spoken language, such as <c>en</c>; detected when <see langword="null"/>.</param>
    /// <param name="progress">Receives the bytes of the request body written so far and the total; optional. A retried attempt starts again at 0.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentException">The audio is empty, too large or of a type the server refuses, or the language code is blank.</exception>
    /// <exception cref="MiladyCloudInvalidRequestException">The server found the content not to be audio of the declared kind.</exception>
    /// <exception cref="MiladyCloudInsufficientCreditsException">The balance does not cover the audio, or the service's plan has no speech to text.</exception>
    public virtual async Task<TranscriptionResponse> CreateTranscriptionAsync(AudioFile audio, string? languageCode = null, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        VoiceForms.ValidateTranscription(audio, languageCode);
        // Sending disposes the request, which closes a file the SDK opened; a caller's stream stays open for the caller.
        var send = SendFlags.ConsumesCredits | (audio.CanResend ? SendFlags.None : SendFlags.NoRetry);
        var form = VoiceForms.BuildTranscription(audio, languageCode);
        var request = Pipeline.CreateRequest(HttpMethod.Post, "voice/stt", send);
        request.Content = progress is null ? form : new ProgressReportingContent(form, progress);

        return await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.TranscriptionResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Clones a voice from 1–10 audio samples, uploaded as <c>multipart/form-data</c> in small chunks. The limits
    /// (<see cref="VoiceLimits"/>) are checked before anything is sent. The server clones before it answers, so the
    /// answer's job is normally <see cref="VoiceCloneJobStatus.Completed"/> and the voice usable at once (its
    /// <see cref="VoiceCloneVoice.ElevenlabsVoiceId"/> is the <c>voiceId</c> for text to speech). A repeat would clone
    /// and charge twice, so an ambiguous failure is not retried: look at <see cref="VoiceCloneJobsClient.ListAsync"/>
    /// and <see cref="ListAsync"/> instead.
    /// </summary>
    /// <param name="request">The name, type, optional description and settings, and the samples.</param>
    /// <param name="progress">Receives the bytes of the request body written so far and the total; optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The voice, its job and the credits charged.</returns>
    /// <exception cref="ArgumentException">The name is empty, the type unknown, or the samples break a limit.</exception>
    /// <exception cref="MiladyCloudInsufficientCreditsException">The balance does not cover the clone.</exception>
    public virtual async Task<VoiceCloneResponse> CreateCloneAsync(VoiceCloneRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        VoiceForms.ValidateClone(request);
        var send = SendFlags.ConsumesCredits | SendFlags.NotIdempotent | (request.Samples.Any(sample => !sample.CanResend) ? SendFlags.NoRetry : SendFlags.None);
        var form = VoiceForms.BuildClone(request);
        var message = Pipeline.CreateRequest(HttpMethod.Post, "voice/clone", send);
        message.Content = progress is null ? form : new ProgressReportingContent(form, progress);

        return await Pipeline.SendJsonAsync(message, MiladyCloudJsonContext.Default.VoiceCloneResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one window of the organization's cloned voices, newest first.</summary>
    /// <param name="options">Filters and window; the server's defaults (active voices, 50 from the start) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The window, the total and whether more follow.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1–100 or the offset below 0.</exception>
    public virtual Task<UserVoiceList> ListAsync(VoiceListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = ListPath(options);
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.UserVoiceList, cancellationToken);
    }

    /// <summary>
    /// Enumerates every cloned voice, fetching windows of <see cref="VoiceListOptions.Limit"/> (100 when not set) lazily
    /// as you iterate, from <see cref="VoiceListOptions.Offset"/> on.
    /// </summary>
    /// <param name="options">Filters, window size and first offset; all active voices when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the walk, also between windows.</param>
    /// <returns>The voices, newest first.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1–100 or the offset below 0 (thrown at once, not on first iteration).</exception>
    public virtual IAsyncEnumerable<UserVoiceSummary> ListAllAsync(VoiceListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var includeInactive = options?.IncludeInactive ?? false;
        var cloneType = options?.CloneType;
        var limit = options?.Limit ?? DefaultListAllPageSize;
        var first = options?.Offset ?? 0;
        _ = ListPath(new VoiceListOptions { IncludeInactive = includeInactive, CloneType = cloneType, Limit = limit, Offset = first });
        return Pager.ByOffsetAsync(
            first,
            (offset, ct) => ListAsync(new VoiceListOptions { IncludeInactive = includeInactive, CloneType = cloneType, Limit = limit, Offset = offset }, ct),
            page => page.Voices,
            page => page.Total,
            cancellationToken);
    }

    /// <summary>Gets one voice of the organization, with its settings and stored samples.</summary>
    /// <param name="voiceId">The internal voice id (a UUID, <see cref="UserVoiceSummary.Id"/>), not the provider voice id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The voice.</returns>
    /// <exception cref="ArgumentException"><paramref name="voiceId"/> is not a UUID (the server would answer 400).</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such voice in the organization.</exception>
    public virtual async Task<UserVoice> GetAsync(string voiceId, CancellationToken cancellationToken = default)
    {
        return (await Pipeline.GetJsonAsync(VoicePath(voiceId), MiladyCloudJsonContext.Default.UserVoiceResponse, cancellationToken).ConfigureAwait(false)).Voice;
    }

    /// <summary>Changes a voice's name, description, settings or active flag; members left <see langword="null"/> are kept. A new name or settings also go to the voice provider.</summary>
    /// <param name="voiceId">The internal voice id (a UUID).</param>
    /// <param name="request">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated voice (without samples).</returns>
    /// <exception cref="ArgumentException"><paramref name="voiceId"/> is not a UUID, or the new name is blank.</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such voice in the organization.</exception>
    public virtual async Task<UserVoice> UpdateAsync(string voiceId, UpdateVoiceRequest request, CancellationToken cancellationToken = default)
    {
        var path = VoicePath(voiceId);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Name is not null && string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The new name must not be blank; leave it null to keep the current one.", nameof(request));
        }
        var response = await Pipeline.SendJsonAsync(HttpMethod.Patch, path, request, MiladyCloudJsonContext.Default.UpdateVoiceRequest, MiladyCloudJsonContext.Default.UserVoiceResponse, cancellationToken).ConfigureAwait(false);
        return response.Voice;
    }

    /// <summary>Deletes a voice at the provider and marks it inactive (it is still listed with <see cref="VoiceListOptions.IncludeInactive"/>).</summary>
    /// <param name="voiceId">The internal voice id (a UUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the voice is deleted (the server's answer holds only a confirmation text).</returns>
    /// <exception cref="ArgumentException"><paramref name="voiceId"/> is not a UUID.</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such voice in the organization.</exception>
    public virtual Task DeleteAsync(string voiceId, CancellationToken cancellationToken = default)
    {
        return Pipeline.SendJsonAsync(HttpMethod.Delete, VoicePath(voiceId), MiladyCloudJsonContext.Default.VoiceDeleteResponse, cancellationToken);
    }

    /// <summary>
    /// Lists the voice provider's premade and professional voices, which anyone can speak with: pass a voice's
    /// <see cref="ElevenLabsVoice.VoiceId"/> as the <c>voiceId</c> of text to speech. The service asks the provider for
    /// one page of its voices (the provider's default size) and keeps those two categories, so the list is short and not
    /// necessarily every premade voice. The route exists only under <c>/api/elevenlabs</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The voices, as the provider describes them.</returns>
    public virtual async Task<IReadOnlyList<ElevenLabsVoice>> ListPremadeAsync(CancellationToken cancellationToken = default)
    {
        var list = await Pipeline.GetJsonAsync("api/elevenlabs/voices", MiladyCloudJsonContext.Default.ElevenLabsVoiceList, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return list.Voices.ToList();
    }

    /// <summary>
    /// Checks whether one of the organization's cloned voices is ready to speak: instant clones are ready at once,
    /// professional ones once the provider reports their fine-tuning. The service also makes a test speech request at the
    /// provider. The route exists only under <c>/api/elevenlabs</c>.
    /// </summary>
    /// <param name="voiceId">The internal voice id (a UUID, <see cref="UserVoiceSummary.Id"/>), not the provider voice id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The voice and its readiness; when the provider does not know the voice, <see cref="VoiceVerificationStatus.IsReady"/> is false.</returns>
    /// <exception cref="ArgumentException"><paramref name="voiceId"/> is not a UUID (the server would answer 500).</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such voice in the organization.</exception>
    /// <exception cref="MiladyCloudInternalServerErrorException">Any other failure: the route answers every one, a refused credential included, with 500 <c>Failed to verify voice status</c>.</exception>
    public virtual Task<VoiceVerification> VerifyAsync(string voiceId, CancellationToken cancellationToken = default)
    {
        var path = "api/elevenlabs/voices/verify/" + RequestPath.UuidSegment(voiceId, nameof(voiceId));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.VoiceVerification, cancellationToken, SendFlags.SiteRoot);
    }

    /// <summary>This client's text to speech as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.ITextToSpeechClient"/>.</summary>
    /// <param name="defaultVoiceId">The voice used when <c>TextToSpeechOptions.VoiceId</c> is not set; the service's default voice when <see langword="null"/>.</param>
    /// <param name="defaultModelId">The model used when <c>TextToSpeechOptions.ModelId</c> is not set; the service's default when <see langword="null"/>.</param>
    /// <returns>The client; disposing it leaves this client usable.</returns>
    /// <exception cref="ArgumentException">A default is empty or white space.</exception>
    /// <remarks>
    /// The interface is marked experimental by Microsoft.Extensions.AI (diagnostic <c>MEAI001</c>). Only the voice and
    /// model can be chosen: language, speed, pitch, volume and any format but MP3 are refused before sending rather
    /// than silently ignored. <c>GetAudioAsync</c> holds the whole audio in memory (the interface returns bytes), at
    /// most <see cref="MiladyCloudClientOptions.MaxResponseBytes"/> of it: longer audio fails with
    /// <see cref="MiladyCloudResponseTooLargeException"/>. <c>GetStreamingAudioAsync</c> passes it on in chunks as it
    /// arrives, without a limit.
    /// </remarks>
#pragma warning disable MEAI001 // Experimental in Microsoft.Extensions.AI; the adapter is the point of this member.
    public virtual Microsoft.Extensions.AI.ITextToSpeechClient AsTextToSpeechClient(string? defaultVoiceId = null, string? defaultModelId = null)
#pragma warning restore MEAI001
    {
        ThrowIfBlank(defaultVoiceId, nameof(defaultVoiceId));
        ThrowIfBlank(defaultModelId, nameof(defaultModelId));
        return new Internal.AI.MiladyCloudTextToSpeechClientAdapter(this, Pipeline.Options.BaseUrl, Pipeline.Options.MaxResponseBytes, defaultVoiceId, defaultModelId);
    }

    /// <summary>This client's speech to text as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.ISpeechToTextClient"/>.</summary>
    /// <returns>The client; disposing it leaves this client usable.</returns>
    /// <remarks>
    /// The interface is marked experimental by Microsoft.Extensions.AI (diagnostic <c>MEAI001</c>). The audio's format is
    /// recognised from its first bytes (MP3, WAV, Ogg, WebM, MP4/M4A). A seekable stream is uploaded from its current
    /// position in chunks; a non-seekable one is read into memory first (at most 25 MB), because the upload's size must
    /// be known before sending. <c>SpeechLanguage</c> becomes the language code; a model or a different text language
    /// (translation) is refused: the service has one transcription model and does not translate.
    /// </remarks>
#pragma warning disable MEAI001 // Experimental in Microsoft.Extensions.AI; the adapter is the point of this member.
    public virtual Microsoft.Extensions.AI.ISpeechToTextClient AsSpeechToTextClient()
#pragma warning restore MEAI001
        => new Internal.AI.MiladyCloudSpeechToTextClientAdapter(this, Pipeline.Options.BaseUrl);

    private static void ValidateSpeech(TextToSpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Text))
        {
            throw new ArgumentException("The text must not be empty.", nameof(request));
        }

        if (request.Text.Length > VoiceLimits.MaxSpeechTextLength)
        {
            throw new ArgumentException($"The text is {request.Text.Length} characters; the server speaks at most {VoiceLimits.MaxSpeechTextLength} per call. Split it into several calls.", nameof(request));
        }

        ThrowIfBlank(request.VoiceId, nameof(request));
        ThrowIfBlank(request.ModelId, nameof(request));
    }

    /// <summary>
    /// The service always answers audio; a 200 that is a web page or JSON (a proxy's page, a <c>success:false</c>
    /// body) is not, and written to a file as audio it would look like a corrupt recording.
    /// </summary>
    private async Task<string> AudioContentTypeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType;
        if (mediaType is null || (!mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)))
        {
            return contentType?.ToString() ?? "application/octet-stream";
        }

        var body = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        Pipeline.ThrowIfSuccessFalse(response, body);
        throw new MiladyCloudResponseFormatException($"Text to speech was answered with {mediaType} instead of audio.", Pipeline.Scrub(body));
    }

    private static string ListPath(VoiceListOptions? options)
    {
        if (options?.Limit is { } limit && limit is < 1 or > MaxListWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(options), limit, $"The limit must be between 1 and {MaxListWindow} (the server clamps anything else).");
        }

        if (options?.Offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Offset, "The offset must be at least 0.");
        }

        return new QueryString()
            .Add("includeInactive", options?.IncludeInactive == true ? "true" : null)
            .Add("cloneType", options?.CloneType?.Value)
            .Add("limit", options?.Limit)
            .Add("offset", options?.Offset)
            .AppendTo("voice/list");
    }

    private static string VoicePath(string voiceId) => "voice/" + RequestPath.UuidSegment(voiceId, nameof(voiceId));

    private static void ThrowIfBlank(string? value, string parameterName)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Pass null for the service's default, not an empty string.", parameterName);
        }
    }
}
