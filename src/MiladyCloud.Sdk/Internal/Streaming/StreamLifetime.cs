namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>Ties the tokens of a stream to the life of its enumeration.</summary>
internal static class StreamLifetime
{
    /// <summary>
    /// The token of the StreamAsync call and the one given to the enumerator both cancel the stream; the linked source,
    /// when one is needed, is disposed by the reader when the enumeration ends.
    /// </summary>
    public static CancellationToken Link(CancellationToken a, CancellationToken b, out CancellationTokenSource? linked)
    {
        linked = a.CanBeCanceled && b.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(a, b) : null;
        return linked?.Token ?? (a.CanBeCanceled ? a : b);
    }
}
