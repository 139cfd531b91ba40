using System.Net;
using System.Net.Http.Headers;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>An in-memory transport answering each call with the payload of the fuzz input that made it (safe across threads).</summary>
internal sealed class PayloadHandler(string mediaType, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
{
    private static readonly AsyncLocal<byte[]?> Current = new();

    public static void Use(byte[] payload) => Current.Value = payload;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new MemoryStream(Current.Value ?? []));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
    }
}
