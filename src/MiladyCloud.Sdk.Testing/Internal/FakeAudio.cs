using System.Text;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// Real audio for the fake's voice routes: an MP3 file (an ID3v2.4 tag, then silent MPEG-1 Layer III frames, 128 kbps,
/// 44.1 kHz, mono) that any player opens. The tag's title holds the spoken text, so the fake's speech to text can
/// "recognise" what its text to speech said, and a sample can round-trip text through both.
/// </summary>
internal static class FakeAudio
{
    private const int FrameLength = 417; // 144 * 128000 / 44100, no padding.
    private static readonly byte[] FrameHeader = [0xFF, 0xFB, 0x90, 0xC4];

    /// <summary>About 26 ms of silence per character, at least one second, at most about one minute.</summary>
    public static byte[] Speak(string text)
    {
        var frames = Math.Clamp(text.Length, 38, 2300);
        using var audio = new MemoryStream();
        WriteTag(audio, text);
        var frame = new byte[FrameLength];
        FrameHeader.CopyTo(frame, 0);
        for (var i = 0; i < frames; i++)
        {
            audio.Write(frame);
        }

        return audio.ToArray();
    }

    /// <summary>The text a tag written by <see cref="Speak"/> carries, or <see langword="null"/>.</summary>
    public static string? SpokenText(byte[] audio)
    {
        if (audio.Length < 10 || audio[0] != 'I' || audio[1] != 'D' || audio[2] != '3')
        {
            return null;
        }

        var tagEnd = 10 + SyncSafe(audio, 6);
        var position = 10;
        while (position + 10 <= tagEnd && position + 10 <= audio.Length)
        {
            var id = Encoding.ASCII.GetString(audio, position, 4);
            var size = SyncSafe(audio, position + 4);
            if (size <= 0 || position + 10 + size > audio.Length)
            {
                return null;
            }

            if (id == "TIT2" && audio[position + 10] == 3)
            {
                return Encoding.UTF8.GetString(audio, position + 11, size - 1);
            }

            position += 10 + size;
        }

        return null;
    }

    /// <summary>What the service's content sniffing would call these bytes, or <see langword="null"/> when it cannot tell.</summary>
    public static string? Sniff(byte[] content) => content switch
    {
        [(byte)'I', (byte)'D', (byte)'3', ..] => "audio/mpeg",
        [0xFF, var second, ..] when (second & 0xE0) == 0xE0 => "audio/mpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => "audio/wav",
        [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => "audio/ogg",
        [0x1A, 0x45, 0xDF, 0xA3, ..] => "audio/webm",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => "audio/mp4",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "application/pdf",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };

    private static void WriteTag(Stream audio, string text)
    {
        var value = Encoding.UTF8.GetBytes(text);
        var frameSize = value.Length + 1;
        audio.Write("ID3"u8);
        audio.Write([4, 0, 0]);
        audio.Write(SyncSafeBytes(10 + frameSize));
        audio.Write("TIT2"u8);
        audio.Write(SyncSafeBytes(frameSize));
        audio.Write([0, 0, 3]); // no flags; text encoding 3 = UTF-8
        audio.Write(value);
    }

    private static byte[] SyncSafeBytes(int value) => [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];

    private static int SyncSafe(byte[] bytes, int offset) => (bytes[offset] << 21) | (bytes[offset + 1] << 14) | (bytes[offset + 2] << 7) | bytes[offset + 3];
}
