using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The events of a streamed response, read with <c>await foreach</c>; <see cref="ToResponseAsync"/> reads the whole
/// stream into the final <see cref="ModelResponse"/>. The last event is <see cref="ResponseCompletedEvent"/>,
/// <see cref="ResponseFailedEvent"/> or <see cref="ResponseIncompleteEvent"/>; a stream that stops before one of them
/// throws <see cref="MiladyCloudStreamIncompleteException"/>, and an <c>error</c> event throws the typed exception.
/// </summary>
public class ResponseStream : MiladyCloudStream<ResponseStreamEvent>
{
    private readonly SkippedEvents? _skipped;

    /// <summary>For mocking frameworks.</summary>
    protected ResponseStream()
    {
    }

    internal ResponseStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<ResponseStreamEvent>> open, SkippedEvents skipped)
        : base(open)
    {
        _skipped = skipped;
    }

    /// <summary>
    /// How many events so far were of a type this SDK does not know (the provider's newer events on the native path,
    /// such as tool progress events): they are skipped, never fatal.
    /// </summary>
    public virtual int SkippedEventCount => _skipped?.Count ?? 0;

    /// <summary>Reads the whole stream and returns the response it adds up to.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The response.</returns>
    public virtual async Task<ModelResponse> ToResponseAsync(CancellationToken cancellationToken = default)
    {
        var accumulator = new ResponseAccumulator();
        await foreach (var streamEvent in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(streamEvent);
        }

        return accumulator.ToResponse();
    }
}
