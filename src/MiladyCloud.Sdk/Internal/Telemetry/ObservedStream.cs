using System.Runtime.CompilerServices;

namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>
/// Wraps a model stream in its gen_ai span: opened when enumeration starts, closed when the stream ends, fails or is
/// abandoned, with what the events reported folded into the outcome. Streams nobody observes are returned unwrapped.
/// </summary>
internal static class ObservedStream
{
    public static IAsyncEnumerable<T> Wrap<T>(IAsyncEnumerable<T> source, StreamSpan<T> span, SecretScrubber secrets)
        => GenAiActivity.IsObserved ? Observe(source, span, secrets) : source;

    private static async IAsyncEnumerable<T> Observe<T>(
        IAsyncEnumerable<T> source, StreamSpan<T> span, SecretScrubber secrets, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (operation, model, fold) = (span.Operation, span.Model, span.Fold);
        using var activity = GenAiActivity.Start(operation, model);
        var outcome = default(GenAiOutcome);
        var failed = false;
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool hasItem;
                try
                {
                    hasItem = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failed = true;
                    GenAiActivity.Fail(activity, ex);
                    throw;
                }

                if (!hasItem)
                {
                    break;
                }

                outcome = fold(outcome, enumerator.Current);
                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            if (!failed)
            {
                GenAiActivity.Complete(activity, operation, model, outcome, secrets);
            }
        }
    }
}
