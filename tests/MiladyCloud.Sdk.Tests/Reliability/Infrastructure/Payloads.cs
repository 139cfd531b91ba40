using System.IO.Compression;
using System.Text;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// Bodies a hostile server or proxy sends: compressed, corrupt, and decompression bombs. A bomb is one gzip member
/// (or brotli stream) of a repeated byte, written many times: gzip decoders read concatenated members as one body, so
/// a few hundred kilobytes on the wire decode to gigabytes while the server allocates nothing per write.
/// </summary>
internal static class Payloads
{
    private static readonly Dictionary<(string, char, int), byte[]> Members = [];

    public static byte[] Compress(string text, string encoding) => Compress(Encoding.UTF8.GetBytes(text), encoding);

    public static byte[] Compress(byte[] bytes, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Valid compressed text whose bytes after the header are flipped: the decoder fails part-way.</summary>
    public static byte[] Corrupt(string text, string encoding)
    {
        var bytes = Compress(text + new string(' ', 4096) + text, encoding);
        var start = encoding == "gzip" ? 12 : 4;
        for (var i = start; i < bytes.Length - 8; i += 3)
        {
            bytes[i] ^= 0x5A;
        }

        return bytes;
    }

    /// <summary>One compressed member decoding to <paramref name="megabytes"/> MiB of <paramref name="fill"/> (cached: built once per run).</summary>
    public static byte[] Member(string encoding, char fill, int megabytes)
    {
        lock (Members)
        {
            if (!Members.TryGetValue((encoding, fill, megabytes), out var member))
            {
                var block = Encoding.ASCII.GetBytes(new string(fill, 1024 * 1024));
                using var output = new MemoryStream();
                using (Stream compressor = encoding == "br"
                    ? new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)
                    : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
                {
                    for (var i = 0; i < megabytes; i++)
                    {
                        compressor.Write(block);
                    }
                }

                member = output.ToArray();
                Members[(encoding, fill, megabytes)] = member;
            }

            return member;
        }
    }

    /// <summary>A block of one byte value for writing large plain bodies without allocating per write.</summary>
    public static byte[] Block(char fill, int size = 64 * 1024)
    {
        var block = new byte[size];
        Array.Fill(block, (byte)fill);
        return block;
    }

    /// <summary>The start of a chat completion whose content string the server then makes as long as it likes.</summary>
    public const string CompletionHead = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";

    public const string CompletionTail = "\"},\"finish_reason\":\"stop\"}]}";

    /// <summary>The start of a chat chunk event whose content the server then makes as long as it likes.</summary>
    public const string ChunkHead = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";

    public const string ChunkTail = "\"},\"finish_reason\":null}]}\n\n";
}
