using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The events of a streamed message, read with <c>await foreach</c>; <see cref="ToMessageAsync"/> reads the whole
/// stream into the final <see cref="Message"/>.
/// </summary>
public class MessageStream : MiladyCloudStream<MessageStreamEvent>
{
    /// <summary>For mocking frameworks.</summary>
    protected MessageStream()
    {
    }

    internal MessageStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<MessageStreamEvent>> open, Internal.SecretScrubber secrets)
        : base(open)
    {
        Secrets = secrets;
    }

    /// <summary>The client's credentials, masked in the errors of <see cref="ToMessageAsync"/>.</summary>
    private Internal.SecretScrubber? Secrets { get; }

    /// <summary>Reads the whole stream and returns the message it adds up to.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The message.</returns>
    public virtual async Task<Message> ToMessageAsync(CancellationToken cancellationToken = default)
    {
        var accumulator = new MessageAccumulator();
        await foreach (var streamEvent in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(streamEvent);
        }

        try
        {
            return accumulator.ToMessage();
        }
        catch (MiladyCloudResponseFormatException ex) when (Secrets is { } secrets)
        {
            // The tool's name, id and joined input are the server's text.
            throw secrets.Scrub(ex);
        }
    }
}
