namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Sends a streaming request and yields decoded items as they arrive: typed errors before the first item, in-band
/// errors after the items already yielded, a distinct exception for a stream that ends without its terminal marker,
/// and separate deadlines for the first event and for silence between events (on the SDK's clock). The response is
/// disposed, and its connection freed, however the enumeration ends.
/// </summary>
internal static class EventStreamReader
{
    /// <summary>The stream of <paramref name="request"/>; nothing is sent before enumeration starts.</summary>
    /// <param name="pipeline">The client's pipeline.</param>
    /// <param name="request">The request; disposed with the stream.</param>
    /// <param name="decoder">Turns events into items.</param>
    /// <param name="onResponse">Receives the rate-limit headers.</param>
    /// <param name="linked">The source of <paramref name="cancellationToken"/> when it links two tokens; disposed with the stream.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The items; enumerable once.</returns>
    public static IAsyncEnumerable<T> ReadAsync<T>(
        MiladyCloudPipeline pipeline,
        HttpRequestMessage request,
        IStreamDecoder<T> decoder,
        Action<RateLimitInfo?> onResponse,
        CancellationTokenSource? linked,
        CancellationToken cancellationToken)
        => new EventStream<T>(pipeline, request, decoder, onResponse, linked, cancellationToken);

    /// <summary>The body stream, still under the first-event deadline; the silence deadlines start only when a read waits.</summary>
    internal static async Task<Stream> ResponseBodyAsync(MiladyCloudPipeline pipeline, HttpResponseMessage response, StreamDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            deadline.Pause();
            return body;
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.FirstStreamEvent, pipeline.Options.StreamFirstEventTimeout, ex);
        }
    }

    internal static TimeSpan SilenceAllowed<T>(IStreamDecoder<T> decoder, MiladyCloudClientOptions options, int delivered)
    {
        if (decoder.IsOpenEnded)
        {
            return Timeout.InfiniteTimeSpan;
        }

        return delivered == 0 ? options.StreamFirstEventTimeout : options.StreamIdleTimeout;
    }

    internal static async Task<HttpResponseMessage> OpenAsync(MiladyCloudPipeline pipeline, HttpRequestMessage request, StreamDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            var response = await pipeline.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            try
            {
                await pipeline.EnsureSuccessAsync(response, deadline.Token).ConfigureAwait(false);
                await EnsureEventStreamAsync(pipeline, response, deadline.Token).ConfigureAwait(false);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.FirstStreamEvent, pipeline.Options.StreamFirstEventTimeout, ex);
        }
    }

    /// <summary>
    /// A 200 that is a web page or a JSON document is not a stream: read as events it would look like an empty
    /// stream. A JSON <c>success:false</c> is the typed error; anything else is a format error with its text.
    /// </summary>
    private static async Task EnsureEventStreamAsync(MiladyCloudPipeline pipeline, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var body = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        pipeline.ThrowIfSuccessFalse(response, body);
        throw new MiladyCloudResponseFormatException(
            $"The stream request to {response.RequestMessage?.RequestUri?.AbsolutePath} was answered with {mediaType} instead of an event stream.",
            pipeline.Scrub(body));
    }

    /// <summary>What a failed read means to the caller: a timeout, a scrubbed format error, a broken connection, or itself.</summary>
    internal static Exception Translate(Exception ex, StreamDeadline deadline, int delivered, string streamName, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        switch (ex)
        {
            case OperationCanceledException when deadline.TimedOut && !cancellationToken.IsCancellationRequested:
                var kind = delivered == 0 ? MiladyCloudTimeoutKind.FirstStreamEvent : MiladyCloudTimeoutKind.StreamIdle;
                return new MiladyCloudTimeoutException(kind, deadline.LastTimeout, ex);
            case MiladyCloudResponseFormatException format:
                // Event text is quoted in format errors; a server that echoed a credential must not pass it on.
                return SecretScrubber.Scrub(format, options.ApiKey, options.SessionToken);
            case System.Text.Json.JsonException:
                // A decoder that let a JSON error through: still a format error, never a bare JsonException.
                return SecretScrubber.Scrub(new MiladyCloudResponseFormatException($"A {streamName} stream event was not the JSON expected: {ex.Message}", null, ex), options.ApiKey, options.SessionToken);
            case IOException or HttpRequestException:
                // The transport's text may quote the server's bytes (an invalid chunk header, for one).
                return new MiladyCloudStreamIncompleteException(
                    SecretScrubber.Scrub($"The connection broke during the {streamName} stream after {delivered} item(s): {ex.Message}", options.ApiKey, options.SessionToken),
                    delivered,
                    SecretScrubber.Scrub(ex, options.ApiKey, options.SessionToken));
            default:
                return ex;
        }
    }
}
