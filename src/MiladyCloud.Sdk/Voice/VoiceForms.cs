using System.Buffers;
using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Checks voice uploads against the server's limits and builds their multipart forms.</summary>
internal static class VoiceForms
{
    public static void ValidateTranscription(AudioFile audio, string? languageCode)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Length == 0)
        {
            throw new ArgumentException($"'{audio.FileName}' is empty; the server cannot recognise empty audio.", nameof(audio));
        }

        if (audio.Length > VoiceLimits.MaxTranscriptionBytes)
        {
            throw new ArgumentException($"'{audio.FileName}' is {audio.Length} bytes; speech to text accepts at most {VoiceLimits.MaxTranscriptionBytes} bytes (25 MB).", nameof(audio));
        }

        if (!VoiceLimits.TranscriptionContentTypes.Contains(VoiceLimits.BaseType(audio.ContentType)))
        {
            throw new ArgumentException($"Speech to text does not accept the content type '{audio.ContentType}' of '{audio.FileName}'; accepted: {string.Join(", ", VoiceLimits.TranscriptionContentTypes)}.", nameof(audio));
        }

        if (languageCode is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(languageCode);
        }
    }

    public static MultipartFormDataContent BuildTranscription(AudioFile audio, string? languageCode)
    {
        var form = NewForm();
        AddFile(form, "audio", audio);
        if (languageCode is not null)
        {
            AddField(form, "languageCode", languageCode);
        }

        return form;
    }

    public static void ValidateClone(VoiceCloneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The voice name must not be empty.", nameof(request));
        }

        if (request.CloneType != VoiceCloneType.Instant && request.CloneType != VoiceCloneType.Professional)
        {
            throw new ArgumentException($"The clone type must be 'instant' or 'professional', not '{request.CloneType}'.", nameof(request));
        }

        if (request.Description is not null && request.Description.Length == 0)
        {
            throw new ArgumentException("Pass null to leave the description out, not an empty string.", nameof(request));
        }

        var samples = request.Samples ?? throw new ArgumentException("The samples are required.", nameof(request));
        if (samples.Count is 0 or > VoiceLimits.MaxCloneSamples)
        {
            throw new ArgumentException($"Pass between 1 and {VoiceLimits.MaxCloneSamples} samples (got {samples.Count}).", nameof(request));
        }

        foreach (var sample in samples)
        {
            ValidateSample(sample);
        }

        var total = samples.Sum(s => s.Length);
        if (total > VoiceLimits.MaxCloneTotalBytes)
        {
            throw new ArgumentException($"The samples total {total} bytes; the server accepts at most {VoiceLimits.MaxCloneTotalBytes} bytes (100 MB) per clone.", nameof(request));
        }
    }

    public static MultipartFormDataContent BuildClone(VoiceCloneRequest request)
    {
        var form = NewForm();
        AddField(form, "name", request.Name);
        AddField(form, "cloneType", request.CloneType.Value);
        if (request.Description is not null)
        {
            AddField(form, "description", request.Description);
        }

        if (request.Settings is not null)
        {
            AddField(form, "settings", SettingsJson(request.Settings));
        }

        // The server takes every part whose name starts with "file"; numbered names keep them apart, as its dashboard sends them.
        for (var i = 0; i < request.Samples.Count; i++)
        {
            AddFile(form, "file" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Samples[i]);
        }

        return form;
    }

    private static void ValidateSample(AudioFile? sample)
    {
        if (sample is null)
        {
            throw new ArgumentException("The sample list contains null.", "request");
        }

        if (sample.Length == 0)
        {
            throw new ArgumentException($"The sample '{sample.FileName}' is empty.", "request");
        }

        if (sample.Length > VoiceLimits.MaxCloneSampleBytes)
        {
            throw new ArgumentException($"The sample '{sample.FileName}' is {sample.Length} bytes; the server accepts at most {VoiceLimits.MaxCloneSampleBytes} bytes (10 MB) per sample.", "request");
        }

        if (!VoiceLimits.BaseType(sample.ContentType).StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The sample '{sample.FileName}' has the type '{sample.ContentType}'; the server accepts only audio/* files.", "request");
        }
    }

    /// <summary>Written by hand: the settings hold JSON values already, and no reflection is used.</summary>
    private static string SettingsJson(IDictionary<string, JsonElement> settings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in settings)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static MultipartFormDataContent NewForm() => new() { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };

    private static void AddFile(MultipartFormDataContent form, string name, AudioFile file)
    {
        var part = file.CreatePart();
        KnowledgeUploadBatch.SetDisposition(part, name, file.FileName);
        form.Add(part);
    }

    private static void AddField(MultipartFormDataContent form, string name, string value)
    {
        var field = new StringContent(value);
        // A plain form field: the server reads it as text.
        field.Headers.ContentType = null;
        KnowledgeUploadBatch.SetDisposition(field, name, fileName: null);
        form.Add(field);
    }
}
