using System.Runtime.ExceptionServices;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// Sends a streaming request and yields decoded items as they arrive: typed errors before the first item, in-band
/// errors after the items already yielded, a distinct exception for a stream that ends without its terminal marker,
/// and separate deadlines for the first event and for silence between events (on the SDK's clock). Every text that
/// leaves it is scrubbed of the client's credentials. Built only by <c>MiladyCloudPipeline.OpenStream</c>;
/// the public stream type checks that it is enumerated once.
/// Written by hand rather than as an async iterator: an event already buffered (one read brings many) is taken and
/// decoded synchronously, with no state machine step, no deadline bookkeeping and no allocation; only a read that has
/// to wait goes async. Every way out (the end, an error, a timeout, cancellation, disposal) disposes the response, the
/// body, the deadline, the linked token source and the request.
/// </summary>
internal sealed class EventStream<T> : IAsyncEnumerable<T>, IAsyncEnumerator<T>
{
    private readonly MiladyCloudPipeline _pipeline;
    private readonly HttpRequestMessage _request;
    private readonly IStreamDecoder<T> _decoder;
    private readonly Action<RateLimitInfo?> _onResponse;
    private CancellationTokenSource? _linked;
    private CancellationToken _cancellationToken;
    private long _started;
    private StreamDeadline? _deadline;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private SseEventReader<T>? _events;
    private int _delivered;
    private bool _ended;
    private bool _done;

    /// <param name="pipeline">The client's pipeline.</param>
    /// <param name="request">The request; disposed with the stream.</param>
    /// <param name="decoder">Turns events into items.</param>
    /// <param name="onResponse">Receives the rate-limit headers.</param>
    /// <param name="cancellationToken">The token of the StreamAsync call; linked with the enumerator's.</param>
    public EventStream(MiladyCloudPipeline pipeline, HttpRequestMessage request, IStreamDecoder<T> decoder, Action<RateLimitInfo?> onResponse, CancellationToken cancellationToken)
    {
        _pipeline = pipeline;
        _request = request;
        _decoder = decoder;
        _onResponse = onResponse;
        _cancellationToken = cancellationToken;
    }

    public T Current { get; private set; } = default!;

    /// <summary>Both the StreamAsync call's token and the enumerator's cancel the stream (linked only when both can).</summary>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.CanBeCanceled && !cancellationToken.Equals(_cancellationToken))
        {
            if (_cancellationToken.CanBeCanceled)
            {
                _linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
                _cancellationToken = _linked.Token;
            }
            else
            {
                _cancellationToken = cancellationToken;
            }
        }

        return this;
    }

    public ValueTask<bool> MoveNextAsync()
    {
        if (_done)
        {
            return new ValueTask<bool>(false);
        }

        return _events is null ? OpenAsync() : MoveNextBuffered();
    }

    public ValueTask DisposeAsync()
    {
        if (_done)
        {
            return default;
        }

        _done = true;
        return ReleaseAsync();
    }

    /// <summary>Takes events while they are buffered; hands over to <see cref="WaitAsync"/> as soon as one is not.</summary>
    private ValueTask<bool> MoveNextBuffered()
    {
        while (!_ended)
        {
            var next = NextEvent();
            if (!next.IsCompletedSuccessfully)
            {
                return WaitAsync(next);
            }

            if (!next.Result)
            {
                return EndAsync();
            }

            switch (Take())
            {
                case StreamFrameKind.Item:
                    return new ValueTask<bool>(true);
                case StreamFrameKind.Error:
                    return FailAsync(_events!.Current.Error!, rethrow: false);
            }
        }

        return EndAsync();
    }

    private async ValueTask<bool> OpenAsync()
    {
        try
        {
            var options = _pipeline.Options;
            _started = options.TimeProvider.GetTimestamp();
            _deadline = new StreamDeadline(options.StreamFirstEventTimeout, options.TimeProvider, _cancellationToken);
            _response = await SendAsync().ConfigureAwait(false);
            _onResponse(_pipeline.Secrets.Scrub(RateLimitInfo.FromHeaders(_response.Headers)));
            Log.StreamStarted(_pipeline.Logger, _decoder.StreamName);
            _body = await ResponseBodyAsync(_response).ConfigureAwait(false);
            // Any line from the server (a keep-alive comment included) is a sign of life: the silence deadline starts again.
            var deadline = _deadline;
            _events = new SseEventReader<T>(_body, _decoder, options.MaxResponseBytes, deadline.Restart);
        }
        catch (Exception ex)
        {
            return await FailAsync(ex, rethrow: true).ConfigureAwait(false);
        }

        return await MoveNextBuffered().ConfigureAwait(false);
    }

    /// <summary>The slow path: the next event needs a read that waits, under the first-event or idle deadline.</summary>
    private async ValueTask<bool> WaitAsync(ValueTask<bool> next)
    {
        while (true)
        {
            bool hasEvent;
            try
            {
                if (!next.IsCompleted)
                {
                    _deadline!.Wait(SilenceAllowed());
                }

                hasEvent = await next.ConfigureAwait(false);
                _deadline!.Pause();
            }
            catch (Exception ex)
            {
                var translated = Translate(ex);
                return await FailAsync(translated, rethrow: ReferenceEquals(translated, ex)).ConfigureAwait(false);
            }

            if (!hasEvent)
            {
                return await EndAsync().ConfigureAwait(false);
            }

            switch (Take())
            {
                case StreamFrameKind.Item:
                    return true;
                case StreamFrameKind.Error:
                    return await FailAsync(_events!.Current.Error!, rethrow: false).ConfigureAwait(false);
            }

            if (_ended)
            {
                return await EndAsync().ConfigureAwait(false);
            }

            next = NextEvent();
        }
    }

    private ValueTask<bool> NextEvent()
    {
        try
        {
            return _events!.MoveNextAsync(_deadline!.Token);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<bool>(ex);
        }
    }

    /// <summary>What the current event means: an item (now <see cref="Current"/>), an in-band error, or nothing for the caller.</summary>
    private StreamFrameKind Take()
    {
        var frame = _events!.Current;
        switch (frame.Kind)
        {
            case StreamFrameKind.Error:
                return StreamFrameKind.Error;
            case StreamFrameKind.Skip:
                return StreamFrameKind.Skip;
            case StreamFrameKind.End:
                _ended = true;
                break;
        }

        if (frame.Value is not { } item)
        {
            return StreamFrameKind.Skip;
        }

        if (_delivered++ == 0)
        {
            MiladyCloudTelemetry.TimeToFirstEvent.Record(_pipeline.Options.TimeProvider.GetElapsedTime(_started).TotalSeconds);
        }

        Current = item;
        return StreamFrameKind.Item;
    }

    /// <summary>The server closed the stream, or sent its end marker and every item before it was taken.</summary>
    private async ValueTask<bool> EndAsync()
    {
        _done = true;
        Exception? incomplete = null;
        try
        {
            await _events!.DisposeAsync().ConfigureAwait(false);
            _events = null;
            Log.StreamEnded(_pipeline.Logger, _decoder.StreamName, _delivered);
            if (!_ended)
            {
                incomplete = new MiladyCloudStreamIncompleteException(
                    _decoder.IsOpenEnded
                        ? $"The server closed the {_decoder.StreamName} stream after {_delivered} item(s); it never ends it on its own, so open a new stream to continue."
                        : $"The {_decoder.StreamName} stream ended after {_delivered} item(s) without its end marker; the server stops a failed stream this way, so the output is incomplete.",
                    _delivered);
            }
        }
        finally
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        return incomplete is null ? false : throw incomplete;
    }

    private async ValueTask<bool> FailAsync(Exception error, bool rethrow)
    {
        _done = true;
        await ReleaseAsync().ConfigureAwait(false);
        if (rethrow)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        throw error;
    }

    /// <summary>Disposes everything the stream holds, in the order it was acquired backwards; safe to call once per stream.</summary>
    private async ValueTask ReleaseAsync()
    {
        try
        {
            if (_events is { } events)
            {
                _events = null;
                await events.DisposeAsync().ConfigureAwait(false);
            }

            if (_body is { } body)
            {
                _body = null;
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _response?.Dispose();
            _deadline?.Dispose();
            _linked?.Dispose();
            _request.Dispose();
        }
    }

    /// <summary>Sends the request and checks the answer is a stream, all under the first-event deadline.</summary>
    private async Task<HttpResponseMessage> SendAsync()
    {
        var deadline = _deadline!;
        try
        {
            var response = await _pipeline.SendAsync(_request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            try
            {
                await _pipeline.EnsureSuccessAsync(response, deadline.Token).ConfigureAwait(false);
                await EnsureEventStreamAsync(response, deadline.Token).ConfigureAwait(false);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !_cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.FirstStreamEvent, _pipeline.Options.StreamFirstEventTimeout, ex);
        }
    }

    /// <summary>
    /// A 200 that is a web page or a JSON document is not a stream: read as events it would look like an empty
    /// stream. A JSON <c>success:false</c> is the typed error; anything else is a format error with its text.
    /// </summary>
    private async Task EnsureEventStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var body = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        _pipeline.ThrowIfSuccessFalse(response, body);
        throw new MiladyCloudResponseFormatException(
            $"The stream request to {response.RequestMessage?.RequestUri?.AbsolutePath} was answered with {mediaType} instead of an event stream.",
            _pipeline.Scrub(body));
    }

    /// <summary>The body stream, still under the first-event deadline; the silence deadlines start only when a read waits.</summary>
    private async Task<Stream> ResponseBodyAsync(HttpResponseMessage response)
    {
        var deadline = _deadline!;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            deadline.Pause();
            return body;
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !_cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.FirstStreamEvent, _pipeline.Options.StreamFirstEventTimeout, ex);
        }
    }

    private TimeSpan SilenceAllowed()
    {
        if (_decoder.IsOpenEnded)
        {
            return Timeout.InfiniteTimeSpan;
        }

        return _delivered == 0 ? _pipeline.Options.StreamFirstEventTimeout : _pipeline.Options.StreamIdleTimeout;
    }

    /// <summary>What a failed read means to the caller: a timeout, a scrubbed format error, a broken connection, or itself.</summary>
    private Exception Translate(Exception ex)
    {
        var secrets = _pipeline.Secrets;
        var streamName = _decoder.StreamName;
        switch (ex)
        {
            case OperationCanceledException when _deadline!.TimedOut && !_cancellationToken.IsCancellationRequested:
                var kind = _delivered == 0 ? MiladyCloudTimeoutKind.FirstStreamEvent : MiladyCloudTimeoutKind.StreamIdle;
                return new MiladyCloudTimeoutException(kind, _deadline.LastTimeout, ex);
            case MiladyCloudResponseFormatException format:
                // Event text is quoted in format errors; a server that echoed a credential must not pass it on.
                return secrets.Scrub(format);
            case System.Text.Json.JsonException:
                // A decoder that let a JSON error through: still a format error, never a bare JsonException.
                return secrets.Scrub(new MiladyCloudResponseFormatException($"A {streamName} stream event was not the JSON expected: {ex.Message}", null, ex));
            case IOException or HttpRequestException:
                // The transport's text may quote the server's bytes (an invalid chunk header, for one).
                return new MiladyCloudStreamIncompleteException(
                    secrets.Scrub($"The connection broke during the {streamName} stream after {_delivered} item(s): {ex.Message}"),
                    _delivered,
                    secrets.Scrub(ex));
            default:
                return ex;
        }
    }
}
