using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// An in-memory transport that answers with a compressed fuzz input and decodes it the way the socket handler's
/// automatic decompression does (gzip with concatenated members, brotli, zlib-wrapped deflate). The first byte of the
/// input picks the encoding (<see cref="PlainSelector"/>: none, the body as sent uncompressed); the rest is the body.
/// Safe across threads.
/// </summary>
internal sealed class CompressedPayloadHandler(string mediaType, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
{
    private static readonly AsyncLocal<byte[]?> Current = new();

    public static readonly string[] Encodings = ["gzip", "br", "deflate"];

    /// <summary>The first byte of an input whose body is not compressed (the reference a decoded body is compared with).</summary>
    public const byte PlainSelector = 0xFF;

    public static void Use(byte[] input) => Current.Value = input;

    /// <summary>A fuzz input: the encoding's index, then the compressed bytes.</summary>
    public static byte[] Input(string encoding, byte[] compressed) => [(byte)Array.IndexOf(Encodings, encoding), .. compressed];

    /// <summary>An input answering with <paramref name="body"/> as it is, uncompressed.</summary>
    public static byte[] Plain(byte[] body) => [PlainSelector, .. body];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var input = Current.Value ?? [0];
        var compressed = new MemoryStream(input, 1, input.Length - 1, writable: false);
        Stream decoded = input[0] == PlainSelector ? compressed : Encodings[input[0] % Encodings.Length] switch
        {
            "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            "br" => new BrotliStream(compressed, CompressionMode.Decompress),
            _ => new ZLibStream(compressed, CompressionMode.Decompress),
        };
        var content = new StreamContent(decoded);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
    }
}
