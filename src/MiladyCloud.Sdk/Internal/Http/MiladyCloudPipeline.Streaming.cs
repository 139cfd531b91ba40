using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;

namespace MiladyCloud.Sdk.Internal;

// The one way to open a server-sent event stream.
internal sealed partial class MiladyCloudPipeline
{
    private static readonly MediaTypeWithQualityHeaderValue EventStreamMediaType = new("text/event-stream");

    /// <summary>
    /// The source of a stream that posts <paramref name="body"/> with <c>"stream": true</c> (the caller's object is not
    /// modified). Nothing is built or sent before enumeration starts; see <see cref="EventStream{T}"/> for what the
    /// enumeration guarantees.
    /// </summary>
    /// <param name="relativePath">The route.</param>
    /// <param name="body">The request body.</param>
    /// <param name="bodyInfo">Its JSON metadata.</param>
    /// <param name="decoder">Turns events into items; it scrubs in-band errors with <see cref="Secrets"/>.</param>
    /// <param name="send">The route's traits.</param>
    /// <param name="span">The gen_ai span the stream gets, for model streams.</param>
    /// <param name="cancellationToken">The StreamAsync call's token.</param>
    public Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>> OpenStream<TBody, T>(
        string relativePath, TBody body, JsonTypeInfo<TBody> bodyInfo, IStreamDecoder<T> decoder, SendOptions send, StreamSpan<T>? span, CancellationToken cancellationToken)
        => OpenStream(
            () => CreateJsonRequest(HttpMethod.Post, relativePath, StreamingBody.Serialize(body, bodyInfo), send),
            decoder,
            span,
            cancellationToken);

    /// <summary>The same, for a body the caller already serialized with <see cref="StreamingBody.Serialize{T}"/> (to check its size first).</summary>
    public Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>> OpenStream<T>(
        string relativePath, byte[] streamingJson, IStreamDecoder<T> decoder, SendOptions send, StreamSpan<T>? span, CancellationToken cancellationToken)
        => OpenStream(() => CreateJsonRequest(HttpMethod.Post, relativePath, streamingJson, send), decoder, span, cancellationToken);

    /// <summary>The source of a stream read with <c>GET</c>.</summary>
    public Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>> OpenStream<T>(string relativePath, IStreamDecoder<T> decoder, SendOptions send, CancellationToken cancellationToken)
        => OpenStream(() => CreateRequest(HttpMethod.Get, relativePath, send), decoder, span: null, cancellationToken);

    private Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>> OpenStream<T>(
        Func<HttpRequestMessage> createRequest, IStreamDecoder<T> decoder, StreamSpan<T>? span, CancellationToken cancellationToken)
        => (onResponse, _) =>
        {
            // The enumerator's token reaches EventStream through GetAsyncEnumerator, which links it with the call's.
            var request = createRequest();
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(EventStreamMediaType);
            var items = new EventStream<T>(this, request, decoder, onResponse, cancellationToken);
            return span is null ? items : ObservedStream.Wrap(items, span, Secrets);
        };
}
