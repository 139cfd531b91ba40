using System.Text;
using MiladyCloud.Sdk.Internal;

namespace MiladyCloud.Sdk.Tests.Errors;

/// <summary>
/// The start of a buffered body as text (what <c>RawBody</c> and the retry rules read): decoded only as far as it is
/// kept, it must be exactly the whole decode cut to the limit, whatever the bytes and wherever the pooled segments
/// split them; and it is decoded once, however many readers ask.
/// </summary>
public class ErrorBodyTextTests
{
    [Test]
    public async Task The_text_is_the_whole_decode_cut_to_the_limit_for_any_bytes_and_segment_boundaries()
    {
        var random = new Random(17);
        for (var i = 0; i < 300; i++)
        {
            var bytes = RandomUtf8(random, random.Next(4) switch { 0 => random.Next(64), 1 => random.Next(70_000), _ => random.Next(16_000, 400_000) });
            var maxChars = random.Next(3) switch { 0 => random.Next(1, 8), 1 => random.Next(1, 40_000), _ => ErrorResponseReader.MaxBodyChars };
            using var content = await PooledContent.ReadPrefixAsync(new ByteArrayContent(bytes), ErrorBody.MaxBytes, CancellationToken.None);
            var held = bytes.AsSpan(0, (int)content.Length);

            var expected = Encoding.UTF8.GetString(held[..Math.Min(held.Length, 3 * maxChars)]);
            expected = expected.Length <= maxChars ? expected : expected[..maxChars];

            Assert.That(content.Text(maxChars), Is.EqualTo(expected), $"case {i}: {bytes.Length} bytes, {maxChars} characters");
        }
    }

    [Test]
    public async Task The_text_is_decoded_once_for_every_reader()
    {
        using var content = await PooledContent.ReadPrefixAsync(new ByteArrayContent(Encoding.UTF8.GetBytes(new string('é', 100_000))), ErrorBody.MaxBytes, CancellationToken.None);

        var first = content.Text(ErrorResponseReader.MaxBodyChars);

        Assert.That(first, Has.Length.EqualTo(ErrorResponseReader.MaxBodyChars));
        Assert.That(content.Text(ErrorResponseReader.MaxBodyChars), Is.SameAs(first));
    }

    /// <summary>ASCII, two-, three- and four-byte characters, and bytes that are not UTF-8 (lone continuation bytes, cut sequences).</summary>
    private static byte[] RandomUtf8(Random random, int length)
    {
        var bytes = new List<byte>(length + 4);
        while (bytes.Count < length)
        {
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    bytes.Add((byte)random.Next(0x20, 0x7F));
                    break;
                case 2:
                    bytes.AddRange(Encoding.UTF8.GetBytes("é"));
                    break;
                case 3:
                    bytes.AddRange(Encoding.UTF8.GetBytes("€"));
                    break;
                case 4:
                    bytes.AddRange(Encoding.UTF8.GetBytes("😀"));
                    break;
                default:
                    bytes.Add(random.Next(3) switch { 0 => (byte)0x80, 1 => (byte)0xE2, _ => (byte)0xFF });
                    break;
            }
        }

        return [.. bytes];
    }
}
