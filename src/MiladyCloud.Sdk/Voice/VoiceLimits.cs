namespace MiladyCloud.Sdk;

/// <summary>
/// The limits the server enforces on voice calls. The SDK checks them before sending, so a call that would be refused
/// never leaves the machine (and no audio is uploaded in vain).
/// </summary>
public static class VoiceLimits
{
    /// <summary>Longest text for one text-to-speech call, in UTF-16 code units (as the server counts).</summary>
    public const int MaxSpeechTextLength = 5000;

    /// <summary>Largest audio file for speech to text, in bytes (25 MB).</summary>
    public const long MaxTranscriptionBytes = 25L * 1024 * 1024;

    /// <summary>Most samples in one clone call.</summary>
    public const int MaxCloneSamples = 10;

    /// <summary>Largest single clone sample, in bytes (10 MB).</summary>
    public const long MaxCloneSampleBytes = 10L * 1024 * 1024;

    /// <summary>Largest total of the samples of one clone call, in bytes (100 MB).</summary>
    public const long MaxCloneTotalBytes = 100L * 1024 * 1024;

    /// <summary>
    /// The declared content types speech to text accepts (parameters after <c>;</c> are ignored). The server also
    /// sniffs the content, which must really be MP3, MP4/M4A, WAV, WebM or Ogg audio.
    /// </summary>
    public static IReadOnlySet<string> TranscriptionContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "audio/mp3", "audio/mpeg", "audio/mp4", "audio/m4a", "audio/wav", "audio/webm", "audio/ogg",
    };

    /// <summary>The content type sent for a file extension when the caller gives none (<c>application/octet-stream</c> when unknown).</summary>
    internal static string ContentTypeFor(string extension) => extension.ToLowerInvariant() switch
    {
        ".mp3" or ".mpeg" or ".mpga" => "audio/mpeg",
        ".m4a" or ".mp4" => "audio/mp4",
        ".wav" or ".wave" => "audio/wav",
        ".webm" => "audio/webm",
        ".ogg" or ".oga" or ".opus" => "audio/ogg",
        _ => "application/octet-stream",
    };

    /// <summary>The media type without parameters (<c>audio/webm;codecs=opus</c> is <c>audio/webm</c>), as the server compares it.</summary>
    internal static string BaseType(string contentType) => contentType.Split(';')[0].Trim();
}
