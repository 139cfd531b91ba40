using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Sends a streaming request and yields decoded items as they arrive: typed errors before the first item, in-band
/// errors after the items already yielded, a distinct exception for a stream that ends without its terminal marker,
/// and separate deadlines for the first event and for silence between events (on the SDK's clock). The response is
/// disposed, and its connection freed, however the enumeration ends.
/// </summary>
internal static class EventStreamReader
{
    /// <param name="pipeline">The client's pipeline.</param>
    /// <param name="request">The request; disposed with the stream.</param>
    /// <param name="decoder">Turns events into items.</param>
    /// <param name="onResponse">Receives the rate-limit headers.</param>
    /// <param name="linked">The source of <paramref name="cancellationToken"/> when it links two tokens; disposed with the stream.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <remarks>One iterator does it all (no wrapper to dispose the request): every layer of async iterator costs a state machine step per event.</remarks>
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        MiladyCloudPipeline pipeline,
        HttpRequestMessage request,
        IStreamDecoder<T> decoder,
        Action<RateLimitInfo?> onResponse,
        CancellationTokenSource? linked,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var options = pipeline.Options;
            var started = options.TimeProvider.GetTimestamp();
            using var deadline = new StreamDeadline(options.StreamFirstEventTimeout, options.TimeProvider, cancellationToken);
            using var response = await OpenAsync(pipeline, request, deadline, cancellationToken).ConfigureAwait(false);
            onResponse(RateLimitInfo.FromHeaders(response.Headers));
            Log.StreamStarted(pipeline.Logger, decoder.StreamName);
            var body = await ResponseBodyAsync(pipeline, response, deadline, cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var events = SseParser.Create(body, (type, data) => decoder.Decode(type, data)).EnumerateAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
                var delivered = 0;
                var ended = false;
                try
                {
                    while (!ended)
                    {
                        if (!await MoveNextAsync(events, deadline, SilenceAllowed(decoder, options, delivered), delivered, decoder.StreamName, options, cancellationToken).ConfigureAwait(false))
                        {
                            break;
                        }

                        var frame = events.Current.Data;
                        switch (frame.Kind)
                        {
                            case StreamFrameKind.Error:
                                throw frame.Error!;
                            case StreamFrameKind.End:
                                ended = true;
                                break;
                            case StreamFrameKind.Skip:
                                continue;
                        }

                        if (frame.Value is { } item)
                        {
                            if (delivered++ == 0)
                            {
                                MiladyCloudTelemetry.TimeToFirstEvent.Record(options.TimeProvider.GetElapsedTime(started).TotalSeconds);
                            }

                            yield return item;
                        }
                    }
                }
                finally
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }

                Log.StreamEnded(pipeline.Logger, decoder.StreamName, delivered);
                if (!ended && decoder.IsOpenEnded)
                {
                    throw new MiladyCloudStreamIncompleteException(
                        $"The server closed the {decoder.StreamName} stream after {delivered} item(s); it never ends it on its own, so open a new stream to continue.",
                        delivered);
                }

                if (!ended)
                {
                    throw new MiladyCloudStreamIncompleteException(
                        $"The {decoder.StreamName} stream ended after {delivered} item(s) without its end marker; the server stops a failed stream this way, so the output is incomplete.",
                        delivered);
                }
            }
        }
        finally
        {
            linked?.Dispose();
            request.Dispose();
        }
    }

    /// <summary>The body stream, still under the first-event deadline; the silence deadlines start only when a read waits.</summary>
    private static async Task<Stream> ResponseBodyAsync(MiladyCloudPipeline pipeline, HttpResponseMessage response, StreamDeadline deadline, CancellationToken cancellationToken)
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

    private static TimeSpan SilenceAllowed<T>(IStreamDecoder<T> decoder, MiladyCloudClientOptions options, int delivered)
    {
        if (decoder.IsOpenEnded)
        {
            return Timeout.InfiniteTimeSpan;
        }

        return delivered == 0 ? options.StreamFirstEventTimeout : options.StreamIdleTimeout;
    }

    private static async Task<HttpResponseMessage> OpenAsync(MiladyCloudPipeline pipeline, HttpRequestMessage request, StreamDeadline deadline, CancellationToken cancellationToken)
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
            body is null ? null : SecretScrubber.Scrub(body, pipeline.Options.ApiKey, pipeline.Options.SessionToken));
    }

    /// <summary>
    /// The next event. When it is already buffered (the usual case: one read brings many events) this completes at
    /// once with no state machine and no deadline bookkeeping; only a read that has to wait arms the silence deadline.
    /// </summary>
    private static ValueTask<bool> MoveNextAsync<T>(IAsyncEnumerator<SseItem<StreamFrame<T>>> events, StreamDeadline deadline, TimeSpan silenceAllowed, int delivered, string streamName, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        ValueTask<bool> next;
        try
        {
            next = events.MoveNextAsync();
            if (next.IsCompletedSuccessfully)
            {
                return new ValueTask<bool>(next.Result);
            }
        }
        catch (Exception ex)
        {
            next = ValueTask.FromException<bool>(ex);
        }

        if (!next.IsCompleted)
        {
            deadline.Wait(silenceAllowed);
        }

        return WaitAsync(next, deadline, delivered, streamName, options, cancellationToken);
    }

    private static async ValueTask<bool> WaitAsync(ValueTask<bool> next, StreamDeadline deadline, int delivered, string streamName, MiladyCloudClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var hasEvent = await next.ConfigureAwait(false);
            deadline.Pause();
            return hasEvent;
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            var kind = delivered == 0 ? MiladyCloudTimeoutKind.FirstStreamEvent : MiladyCloudTimeoutKind.StreamIdle;
            throw new MiladyCloudTimeoutException(kind, deadline.LastTimeout, ex);
        }
        catch (MiladyCloudResponseFormatException ex)
        {
            // Event text is quoted in format errors; a server that echoed a credential must not pass it on.
            throw SecretScrubber.Scrub(ex, options.ApiKey, options.SessionToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A decoder that let a JSON error through: still a format error, never a bare JsonException.
            throw new MiladyCloudResponseFormatException($"A {streamName} stream event was not the JSON expected: {ex.Message}", null, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new MiladyCloudStreamIncompleteException(
                $"The connection broke during the {streamName} stream after {delivered} item(s): {ex.Message}", delivered, ex);
        }
    }
}
