using System.Net;
using System.Net.Http.Headers;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// Answers every request in memory with the same bytes (no sockets, no copy of the body). The request body, when
/// there is one, is drained so that every contender pays for serializing its request exactly once.
/// </summary>
internal sealed class CannedHandler(Func<Stream> body, string mediaType) : HttpMessageHandler
{
    public CannedHandler(byte[] body, string mediaType)
        : this(() => new MemoryStream(body, writable: false), mediaType)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new StreamContent(body());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
