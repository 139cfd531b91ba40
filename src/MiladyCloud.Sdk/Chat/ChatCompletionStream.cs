using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The chunks of a streamed chat completion, read with <c>await foreach</c>; <see cref="ToCompletionAsync"/> reads
/// the whole stream into the final <see cref="ChatCompletion"/>.
/// </summary>
public class ChatCompletionStream : MiladyCloudStream<ChatCompletionChunk>
{
    /// <summary>For mocking frameworks.</summary>
    protected ChatCompletionStream()
    {
    }

    internal ChatCompletionStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<ChatCompletionChunk>> open)
        : base(open)
    {
    }

    /// <summary>Reads the whole stream and returns the completion it adds up to.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The completion.</returns>
    public virtual async Task<ChatCompletion> ToCompletionAsync(CancellationToken cancellationToken = default)
    {
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(chunk);
        }

        return accumulator.ToCompletion();
    }
}
