namespace MiladyCloud.Sdk.Internal.Upload;

/// <summary>
/// Recognises an audio container from its first bytes, as the service does before transcribing, so audio given
/// without a name or type (a Microsoft.Extensions.AI stream) can be declared correctly.
/// </summary>
internal static class AudioSniffer
{
    /// <summary>Bytes needed to recognise every format below.</summary>
    public const int HeaderLength = 12;

    /// <summary>The content type and file extension, or <see langword="null"/> when the bytes are no audio the service takes.</summary>
    public static (string ContentType, string Extension)? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 'I' && header[1] == 'D' && header[2] == '3')
        {
            return ("audio/mpeg", ".mp3");
        }

        if (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0)
        {
            return ("audio/mpeg", ".mp3");
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8))
        {
            return ("audio/wav", ".wav");
        }

        if (header.Length >= 4 && header[..4].SequenceEqual("OggS"u8))
        {
            return ("audio/ogg", ".ogg");
        }

        if (header.Length >= 4 && header[0] == 0x1A && header[1] == 0x45 && header[2] == 0xDF && header[3] == 0xA3)
        {
            return ("audio/webm", ".webm");
        }

        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return ("audio/mp4", ".m4a");
        }

        return null;
    }
}
