using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The voice routes as the service's handlers answer them: text to speech (real MP3 bytes, see <see cref="FakeAudio"/>),
/// speech to text (the service's size, declared-type and content checks), cloning (synchronous, as on the service, so
/// the job is completed in the answer and the active-job list stays empty), and the voice list, get, update and
/// (soft) delete over an in-memory store.
/// </summary>
internal sealed class VoiceResponder(TimeProvider clock)
{
    /// <summary>The deployment's default voice of the service.</summary>
    public const string DefaultVoiceId = "EXAVITQu4vr4xnSDxMaL";

    private const string PremadePath = "/api/elevenlabs/voices";

    private const string VerifyPrefix = "/api/elevenlabs/voices/verify/";

    private const int MaxTextLength = 5000;
    private const long MaxTranscriptionBytes = 25L * 1024 * 1024;
    private const long MaxSampleBytes = 10L * 1024 * 1024;
    private const long MaxCloneBytes = 100L * 1024 * 1024;
    private const string DefaultTranscript = "Hello from the fake voice service.";
    private static readonly string[] TranscriptionTypes = ["audio/mp3", "audio/mpeg", "audio/mp4", "audio/m4a", "audio/wav", "audio/webm", "audio/ogg"];
    private static readonly HashSet<string> AudioSignatures = ["audio/mpeg", "audio/mp4", "audio/wav", "audio/webm", "audio/ogg"];
    private readonly object _gate = new();
    private readonly List<StoredVoice> _voices = [];

    public static bool IsVoiceRoute(string route) => route.StartsWith("voice/", StringComparison.Ordinal);

    /// <summary>Text and speech routes answer bad credentials with their own plain body, not the canonical envelope.</summary>
    public static bool HasPlainAuthErrors(string route) => route is "voice/tts" or "voice/stt";

    public FakeResponse? Route(string method, string route, string query, JsonElement? json, string? contentType, byte[]? body) => (method, route) switch
    {
        ("POST", "voice/tts") => Speak(json ?? default),
        ("POST", "voice/stt") => Transcribe(contentType, body),
        ("POST", "voice/clone") => Clone(contentType, body),
        ("GET", "voice/list") => List(query),
        ("GET", "voice/jobs") => FakeResponse.Json("""{"success":true,"jobs":[],"total":0}"""),
        ("GET", _) => WithVoice(route, (voice, _) => Ok(voice, withSamples: true), json, withMessage: true),
        ("PATCH", _) => WithVoice(route, Update, json, withMessage: false),
        ("DELETE", _) => WithVoice(route, (voice, _) => Delete(voice), json, withMessage: true),
        _ => null,
    };

    /// <summary>The two <c>/api/elevenlabs</c> routes with no <c>/api/v1/voice</c> twin.</summary>
    public static bool IsElevenLabsRoute(string path) => path == PremadePath || path.StartsWith(VerifyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The verify handler catches every failure after the edge, a refused credential included, and answers this; the
    /// list handler answers a refused credential with its own plain 401.
    /// </summary>
    public static FakeResponse ElevenLabsCredentialRefused(string path) => path.StartsWith(VerifyPrefix, StringComparison.Ordinal)
        ? Plain(HttpStatusCode.InternalServerError, "Failed to verify voice status")
        : Plain(HttpStatusCode.Unauthorized, "Invalid or expired API key");

    public FakeResponse? RouteElevenLabs(string method, string path)
    {
        if (method != "GET")
        {
            return null;
        }

        return path == PremadePath ? FakeResponse.Json(PremadeVoices) : Verify(Uri.UnescapeDataString(path[VerifyPrefix.Length..]));
    }

    /// <summary>The provider's premade voices as the provider SDK hands them over (camelCase), filtered like the handler.</summary>
    private const string PremadeVoices = """
        {"voices":[
         {"voiceId":"EXAVITQu4vr4xnSDxMaL","name":"Sarah","category":"premade","labels":{"accent":"american","age":"young","gender":"female","use_case":"news"},"description":"Young adult woman with a confident and warm tone.","previewUrl":"https://storage.example/voices/EXAVITQu4vr4xnSDxMaL/preview.mp3","availableForTiers":[],"settings":{"stability":0.5,"similarityBoost":0.75,"style":0,"useSpeakerBoost":true,"speed":1},"highQualityBaseModelIds":["eleven_turbo_v2","eleven_multilingual_v2","eleven_flash_v2_5"],"verifiedLanguages":[{"language":"en","modelId":"eleven_multilingual_v2","accent":"american"}],"isOwner":false,"isLegacy":false,"isMixed":false,"createdAtUnix":null},
         {"voiceId":"CwhRBWXzGAHq8TQ4Fs17","name":"Roger","category":"premade","labels":{"accent":"american","age":"middle_aged","gender":"male","use_case":"conversational"},"description":"Easy going and perfect for casual conversations.","previewUrl":"https://storage.example/voices/CwhRBWXzGAHq8TQ4Fs17/preview.mp3","availableForTiers":[],"highQualityBaseModelIds":["eleven_multilingual_v2"],"isOwner":false,"isLegacy":false,"isMixed":false}
        ]}
        """;

    private FakeResponse Verify(string id)
    {
        StoredVoice? voice;
        lock (_gate)
        {
            // A malformed id reaches the database's UUID column and fails: the handler's catch answers 500.
            voice = Guid.TryParseExact(id, "D", out _) ? _voices.FirstOrDefault(v => string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase)) : null;
        }

        if (!Guid.TryParseExact(id, "D", out _))
        {
            return Plain(HttpStatusCode.InternalServerError, "Failed to verify voice status");
        }

        if (voice is null)
        {
            return Plain(HttpStatusCode.NotFound, "Voice not found");
        }

        // Instant clones are ready at once; a professional one waits for fine-tuning, which the fake never reports.
        var professional = voice.CloneType == "professional";
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("voice");
            w.WriteString("id", voice.Id);
            w.WriteString("name", voice.Name);
            w.WriteString("elevenlabsVoiceId", voice.ElevenlabsVoiceId);
            w.WriteString("cloneType", voice.CloneType);
            w.WriteEndObject();
            w.WriteStartObject("status");
            w.WriteBoolean("isReady", !professional);
            w.WriteBoolean("canGenerateTTS", true);
            w.WriteString("category", professional ? "professional" : "cloned");
            w.WriteNumber("sampleCount", voice.SampleCount);
            if (professional)
            {
                w.WriteStartObject("fineTuningStatus");
                w.WriteBoolean("isAllowedToFineTune", true);
                w.WriteStartObject("state");
                w.WriteString("eleven_multilingual_v2", "not_started");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("fineTuningStatus");
            }

            w.WriteString("message", professional ? "Voice is not yet fine-tuned" : "Voice is ready to use");
            w.WriteEndObject();
        }));
    }

    private FakeResponse Speak(JsonElement request)
    {
        var text = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(text))
        {
            return Plain(HttpStatusCode.BadRequest, "No text provided");
        }

        if (text.Length > MaxTextLength)
        {
            return Plain(HttpStatusCode.BadRequest, $"Text too long. Maximum length is {MaxTextLength} characters");
        }

        var voiceId = request.TryGetProperty("voiceId", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (!string.IsNullOrEmpty(voiceId) && !IsKnownVoice(voiceId))
        {
            // The provider rejects an unknown voice; the handler turns any failure that mentions a voice into this.
            return Plain(HttpStatusCode.BadRequest, "Invalid voice ID. Please select a different voice.");
        }

        var response = new FakeResponse { ContentType = "audio/mpeg", Bytes = FakeAudio.Speak(text) };
        response.Headers["Cache-Control"] = "no-cache";
        return response;
    }

    private bool IsKnownVoice(string voiceId)
    {
        // A provider voice id is 20 letters and digits; the fake takes any such id as one of the provider's premade voices.
        lock (_gate)
        {
            if (_voices.FirstOrDefault(v => v.ElevenlabsVoiceId == voiceId) is { } own)
            {
                // A use of one of the organization's cloned voices is counted, as on the service.
                own.UsageCount++;
                own.LastUsedAt = Iso(clock.GetUtcNow());
                return true;
            }

            return voiceId.Length == 20 && voiceId.All(char.IsAsciiLetterOrDigit);
        }
    }

    private static FakeResponse Transcribe(string? contentType, byte[]? body)
    {
        var parts = MultipartReader.Read(contentType, body);
        var audio = parts?.FirstOrDefault(p => p.Name == "audio" && p.FileName is not null);
        if (audio is null)
        {
            return Plain(HttpStatusCode.BadRequest, "No audio file provided");
        }

        if (audio.Content.Length > MaxTranscriptionBytes)
        {
            return Plain(HttpStatusCode.BadRequest, "File too large. Maximum size is 25MB");
        }

        var declared = audio.ContentType ?? string.Empty;
        if (!TranscriptionTypes.Contains(declared.Split(';')[0].Trim()))
        {
            return Plain(HttpStatusCode.BadRequest, $"Unsupported audio format: {declared}. Supported: mp3, mp4, m4a, wav, webm, ogg");
        }

        var sniffed = FakeAudio.Sniff(audio.Content);
        if (sniffed is null)
        {
            return Plain(HttpStatusCode.BadRequest, "Unable to verify file type. The file may be corrupted or of an unsupported format.");
        }

        if (!AudioSignatures.Contains(sniffed))
        {
            return Plain(HttpStatusCode.BadRequest, $"File content does not match the declared format. Detected: {sniffed}, Expected audio format.");
        }

        var transcript = FakeAudio.SpokenText(audio.Content) ?? DefaultTranscript;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("transcript", transcript);
            w.WriteNumber("duration_ms", 120 + (audio.Content.Length / 10_000));
        }));
    }

    private FakeResponse Clone(string? contentType, byte[]? body)
    {
        var parts = MultipartReader.Read(contentType, body) ?? [];
        var name = Text(parts, "name");
        var cloneType = Text(parts, "cloneType");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(cloneType))
        {
            return Plain(HttpStatusCode.BadRequest, "Missing required fields: name, cloneType");
        }

        if (cloneType is not ("instant" or "professional"))
        {
            return Plain(HttpStatusCode.BadRequest, "Invalid cloneType. Must be 'instant' or 'professional'");
        }

        var files = parts.Where(p => p.Name.StartsWith("file", StringComparison.Ordinal) && p.FileName is not null).ToList();
        if (CloneProblem(files) is { } problem)
        {
            return Plain(HttpStatusCode.BadRequest, problem);
        }

        var settings = Text(parts, "settings");
        JsonElement settingsJson;
        try
        {
            settingsJson = string.IsNullOrEmpty(settings) ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(settings).RootElement;
        }
        catch (JsonException)
        {
            return Plain(HttpStatusCode.BadRequest, "Invalid settings JSON");
        }

        var now = Iso(clock.GetUtcNow());
        var voice = new StoredVoice
        {
            Id = Guid.NewGuid().ToString(),
            ElevenlabsVoiceId = ProviderId(),
            Name = name,
            Description = Text(parts, "description"),
            CloneType = cloneType,
            Settings = settingsJson.GetRawText(),
            SampleCount = files.Count,
            CreationCost = cloneType == "professional" ? "20.00" : "1.00",
            CreatedAt = now,
            UpdatedAt = now,
        };
        lock (_gate)
        {
            _voices.Insert(0, voice);
        }

        var job = Guid.NewGuid().ToString();
        return new FakeResponse
        {
            Status = HttpStatusCode.Created,
            Body = JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WriteStartObject("voice");
                w.WriteString("id", voice.Id);
                w.WriteString("elevenlabsVoiceId", voice.ElevenlabsVoiceId);
                w.WriteString("name", voice.Name);
                WriteNullable(w, "description", voice.Description);
                w.WriteString("cloneType", voice.CloneType);
                w.WriteString("status", "completed");
                w.WriteNumber("sampleCount", files.Count);
                w.WriteString("createdAt", voice.CreatedAt);
                w.WriteEndObject();
                w.WriteStartObject("job");
                w.WriteString("id", job);
                w.WriteString("status", "completed");
                w.WriteNumber("progress", 100);
                w.WriteEndObject();
                w.WriteNumber("creditsDeducted", cloneType == "professional" ? 20 : 1);
                w.WriteString("estimatedCompletionTime", cloneType == "professional" ? "30-60 minutes" : "30 seconds");
            }),
        };
    }

    private static string? CloneProblem(List<FormPart> files)
    {
        if (files.Count == 0)
        {
            return "At least one audio file is required";
        }

        if (files.Count > 10)
        {
            return "Maximum 10 files allowed";
        }

        if (files.Sum(f => (long)f.Content.Length) > MaxCloneBytes)
        {
            return "Total file size exceeds 100MB limit";
        }

        foreach (var file in files)
        {
            if (file.Content.Length > MaxSampleBytes)
            {
                return $"File \"{file.FileName}\" exceeds maximum size of 10MB";
            }

            var type = file.ContentType ?? string.Empty;
            if (!type.StartsWith("audio/", StringComparison.Ordinal))
            {
                return $"File \"{file.FileName}\" has invalid type \"{type}\". Only audio files are allowed.";
            }

            if (file.Content.Length == 0)
            {
                return $"File \"{file.FileName}\" is empty";
            }
        }

        return null;
    }

    private FakeResponse List(string query)
    {
        var includeInactive = FakeQuery.Value(query, "includeInactive") == "true";
        var cloneType = FakeQuery.Value(query, "cloneType");
        // As the handler: parseInt, NaN to the default, then clamped.
        var limit = Math.Clamp(FakeQuery.Int(query, "limit") ?? 50, 1, 100);
        var offset = Math.Max(FakeQuery.Int(query, "offset") ?? 0, 0);
        List<StoredVoice> matching;
        lock (_gate)
        {
            matching = _voices.Where(v => (includeInactive || v.IsActive) && (string.IsNullOrEmpty(cloneType) || v.CloneType == cloneType)).ToList();
        }

        var page = matching.Skip(offset).Take(limit).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartArray("voices");
            foreach (var voice in page)
            {
                w.WriteStartObject();
                WriteSummary(w, voice);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total", matching.Count);
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteBoolean("hasMore", offset + limit < matching.Count);
        }));
    }

    private FakeResponse WithVoice(string route, Func<StoredVoice, JsonElement?, FakeResponse> answer, JsonElement? json, bool withMessage)
    {
        var id = Uri.UnescapeDataString(route["voice/".Length..]);
        if (!Guid.TryParseExact(id, "D", out _))
        {
            return FakeResponse.Json(
                """{"error":"Invalid voice ID format","message":"Please use the internal voice ID (UUID format) from the 'List Voices' endpoint.","hint":"Call GET /api/v1/voice/list to get your voice IDs"}""",
                HttpStatusCode.BadRequest);
        }

        StoredVoice? voice;
        lock (_gate)
        {
            voice = _voices.FirstOrDefault(v => string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase));
        }

        if (voice is null)
        {
            return withMessage
                ? FakeResponse.Json("""{"error":"Voice not found","message":"Voice not found in your organization. Make sure you're using the correct voice ID from 'List Voices'."}""", HttpStatusCode.NotFound)
                : Plain(HttpStatusCode.NotFound, "Voice not found");
        }

        return answer(voice, json);
    }

    private FakeResponse Update(StoredVoice voice, JsonElement? json)
    {
        var body = json ?? default;
        lock (_gate)
        {
            if (body.ValueKind == JsonValueKind.Object)
            {
                // As the handler: members left out (undefined) keep their value; null is stored as null.
                if (body.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    voice.Name = name.GetString()!;
                }

                if (body.TryGetProperty("description", out var description))
                {
                    voice.Description = description.ValueKind == JsonValueKind.String ? description.GetString() : null;
                }

                if (body.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object)
                {
                    voice.Settings = settings.GetRawText();
                }

                if (body.TryGetProperty("isActive", out var active) && active.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    voice.IsActive = active.GetBoolean();
                }
            }

            voice.UpdatedAt = Iso(clock.GetUtcNow());
        }

        return Ok(voice, withSamples: false);
    }

    private FakeResponse Delete(StoredVoice voice)
    {
        lock (_gate)
        {
            voice.IsActive = false;
            voice.UpdatedAt = Iso(clock.GetUtcNow());
        }

        return FakeResponse.Json("""{"success":true,"message":"Voice deleted successfully"}""");
    }

    private static FakeResponse Ok(StoredVoice voice, bool withSamples) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("voice");
        WriteSummary(w, voice);
        w.WriteString("organizationId", FakeAccount.OrganizationId);
        w.WriteString("userId", FakeAccount.UserId);
        w.WritePropertyName("settings");
        using (var settings = JsonDocument.Parse(voice.Settings))
        {
            settings.RootElement.WriteTo(w);
        }

        w.WriteString("creationCost", voice.CreationCost);
        if (withSamples)
        {
            // The service keeps sample files only when its blob storage is configured; the fake keeps none.
            w.WriteStartArray("samples");
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }));

    private static void WriteSummary(Utf8JsonWriter w, StoredVoice voice)
    {
        w.WriteString("id", voice.Id);
        w.WriteString("elevenlabsVoiceId", voice.ElevenlabsVoiceId);
        w.WriteString("name", voice.Name);
        WriteNullable(w, "description", voice.Description);
        w.WriteString("cloneType", voice.CloneType);
        w.WriteNumber("sampleCount", voice.SampleCount);
        w.WriteNull("totalAudioDurationSeconds");
        w.WriteNull("audioQualityScore");
        w.WriteNumber("usageCount", voice.UsageCount);
        WriteNullable(w, "lastUsedAt", voice.LastUsedAt);
        w.WriteBoolean("isActive", voice.IsActive);
        w.WriteBoolean("isPublic", false);
        w.WriteString("createdAt", voice.CreatedAt);
        w.WriteString("updatedAt", voice.UpdatedAt);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string? Text(IReadOnlyList<FormPart> parts, string name)
        => parts.FirstOrDefault(p => p.Name == name && p.FileName is null) is { } part ? Encoding.UTF8.GetString(part.Content) : null;

    private static string ProviderId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(20, Guid.NewGuid(), static (span, seed) =>
        {
            var bytes = seed.ToByteArray();
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[bytes[i % bytes.Length] % alphabet.Length];
            }
        });
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static FakeResponse Plain(HttpStatusCode status, string message) => FakeResponse.Json(JsonText.Object(w => w.WriteString("error", message)), status);

    private sealed class StoredVoice
    {
        public required string Id { get; init; }

        public required string ElevenlabsVoiceId { get; init; }

        public required string Name { get; set; }

        public string? Description { get; set; }

        public required string CloneType { get; init; }

        public required string Settings { get; set; }

        public int SampleCount { get; init; }

        public int UsageCount { get; set; }

        public string? LastUsedAt { get; set; }

        public bool IsActive { get; set; } = true;

        public required string CreationCost { get; init; }

        public required string CreatedAt { get; init; }

        public required string UpdatedAt { get; set; }
    }
}
