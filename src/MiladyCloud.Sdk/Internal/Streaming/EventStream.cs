using System.Runtime.ExceptionServices;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// The enumeration of one stream (see <see cref="EventStreamReader"/> for what it guarantees). Written by hand rather
/// than as an async iterator: an event already buffered (one read brings many) is taken and decoded synchronously,
/// with no state machine step, no deadline bookkeeping and no allocation; only a read that has to wait goes async.
/// Every way out (the end, an error, a timeout, cancellation, disposal) disposes the response, the body, the
/// deadline, the linked token sources and the request.
/// </summary>
internal sealed class EventStream<T> : IAsyncEnumerable<T>, IAsyncEnumerator<T>
{
    private readonly MiladyCloudPipeline _pipeline;
    private readonly HttpRequestMessage _request;
    private readonly IStreamDecoder<T> _decoder;
    private readonly Action<RateLimitInfo?> _onResponse;
    private readonly CancellationTokenSource? _linked;
    private CancellationTokenSource? _enumeratorLinked;
    private CancellationToken _cancellationToken;
    private int _enumerated;
    private long _started;
    private StreamDeadline? _deadline;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private SseEventReader<T>? _events;
    private int _delivered;
    private bool _ended;
    private bool _done;

    public EventStream(MiladyCloudPipeline pipeline, HttpRequestMessage request, IStreamDecoder<T> decoder, Action<RateLimitInfo?> onResponse, CancellationTokenSource? linked, CancellationToken cancellationToken)
    {
        _pipeline = pipeline;
        _request = request;
        _decoder = decoder;
        _onResponse = onResponse;
        _linked = linked;
        _cancellationToken = cancellationToken;
    }

    public T Current { get; private set; } = default!;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
        {
            throw new InvalidOperationException("A stream can be enumerated only once.");
        }

        if (cancellationToken.CanBeCanceled && !cancellationToken.Equals(_cancellationToken))
        {
            if (_cancellationToken.CanBeCanceled)
            {
                _enumeratorLinked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
                _cancellationToken = _enumeratorLinked.Token;
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
            _response = await EventStreamReader.OpenAsync(_pipeline, _request, _deadline, _cancellationToken).ConfigureAwait(false);
            _onResponse(SecretScrubber.Scrub(RateLimitInfo.FromHeaders(_response.Headers), options.ApiKey, options.SessionToken));
            Log.StreamStarted(_pipeline.Logger, _decoder.StreamName);
            _body = await EventStreamReader.ResponseBodyAsync(_pipeline, _response, _deadline, _cancellationToken).ConfigureAwait(false);
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
                    _deadline!.Wait(EventStreamReader.SilenceAllowed(_decoder, _pipeline.Options, _delivered));
                }

                hasEvent = await next.ConfigureAwait(false);
                _deadline!.Pause();
            }
            catch (Exception ex)
            {
                var translated = EventStreamReader.Translate(ex, _deadline!, _delivered, _decoder.StreamName, _pipeline.Options, _cancellationToken);
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
            _enumeratorLinked?.Dispose();
            _linked?.Dispose();
            _request.Dispose();
        }
    }
}
