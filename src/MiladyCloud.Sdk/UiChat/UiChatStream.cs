using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The parts of a UI message stream (<c>POST /api/v1/chat</c>), read with <c>await foreach</c>;
/// <see cref="ToResultAsync"/> reads the whole stream into a <see cref="UiChatResult"/>.
/// </summary>
public class UiChatStream : MiladyCloudStream<UiChatStreamPart>
{
    private readonly SkippedEvents? _skipped;

    /// <summary>For mocking frameworks.</summary>
    protected UiChatStream()
    {
    }

    internal UiChatStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<UiChatStreamPart>> open, SkippedEvents skipped)
        : base(open)
    {
        _skipped = skipped;
    }

    /// <summary>How many parts so far were of a kind this SDK does not know (skipped, never fatal).</summary>
    public virtual int SkippedPartCount => _skipped?.Count ?? 0;

    /// <summary>Reads the whole stream and returns the answer it adds up to.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The answer.</returns>
    public virtual async Task<UiChatResult> ToResultAsync(CancellationToken cancellationToken = default)
    {
        var accumulator = new UiChatAccumulator();
        await foreach (var part in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(part);
        }

        return accumulator.ToResult() with { SkippedPartCount = SkippedPartCount };
    }
}
