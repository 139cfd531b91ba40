using System.Text;
using CsCheck;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// Mutates real payloads the way broken servers, proxies and networks do: flipped bytes, cuts, duplicated spans,
/// and JSON or SSE tokens spliced in at random places.
/// </summary>
internal static class Mutations
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e999", "-0.0e-400", "99999999999999999999999",
            "\"\\u0000\"", "\\", "\"\\ud800\"", "\n", "\r\n", "\n\n", "\r", "data: ", "data:", "event: error\n", "event: \n",
            "data: [DONE]\n\n", ": comment\n", "id: 1\n", "retry: x\n", "\"error\"", "\"type\":\"error\",", "\"choices\":null,",
            "{\"error\":{\"message\":\"boom\",\"type\":\"api_error\"}}", "\"type\":\"message_stop\"", "\"index\":-5,",
            "\"index\":2147483648,", "[[[[[[[[[[[[[[[[", "\"required\":\"abc\",", "\"retryAfter\":-3,", "\"code\":{},",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF, 0xFE], [0xC3], [0xE2, 0x82], [0x00],
    ];

    /// <summary>One of the payloads, mutated one to eight times.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<string> payloads)
        => Gen.Select(Gen.Int[0, payloads.Count - 1], Gen.Int[0, int.MaxValue].Array[4, 32], (index, steps) => Apply(Encoding.UTF8.GetBytes(payloads[index]), steps));

    /// <summary>Applies mutations described by groups of four random numbers (operation, position, length, token).</summary>
    public static byte[] Apply(byte[] payload, int[] steps)
    {
        var bytes = new List<byte>(payload);
        for (var i = 0; i + 3 < steps.Length; i += 4)
        {
            var position = bytes.Count == 0 ? 0 : steps[i + 1] % (bytes.Count + 1);
            var length = Math.Min(1 + (steps[i + 2] % 48), bytes.Count - position);
            var token = Tokens[steps[i + 3] % Tokens.Length];
            switch (steps[i] % 7)
            {
                case 0 when position < bytes.Count:
                    bytes[position] ^= (byte)(1 | steps[i + 3]);
                    break;
                case 1:
                    bytes.RemoveRange(position, Math.Max(0, length));
                    break;
                case 2:
                    bytes.InsertRange(position, token);
                    break;
                case 3:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 4 when length > 0:
                    bytes.InsertRange(position, bytes.GetRange(position, length));
                    break;
                case 5:
                    bytes.RemoveRange(position, Math.Max(0, length));
                    bytes.InsertRange(position, token);
                    break;
                default:
                    bytes.Insert(position, (byte)steps[i + 3]);
                    break;
            }
        }

        return [.. bytes];
    }
}
