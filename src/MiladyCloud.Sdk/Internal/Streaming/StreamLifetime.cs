namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>Ties the tokens and the request message of a stream to the life of its enumeration.</summary>
internal static class StreamLifetime
{
    /// <summary>The token of the StreamAsync call and the one given to the enumerator both cancel the stream.</summary>
    public static CancellationToken Link(CancellationToken a, CancellationToken b, out CancellationTokenSource? linked)
    {
        linked = a.CanBeCanceled && b.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(a, b) : null;
        return linked?.Token ?? (a.CanBeCanceled ? a : b);
    }

    public static async IAsyncEnumerable<T> DisposeAfter<T>(IAsyncEnumerable<T> source, CancellationTokenSource? linked, HttpRequestMessage request)
    {
        try
        {
            await foreach (var item in source.ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            linked?.Dispose();
            request.Dispose();
        }
    }
}
