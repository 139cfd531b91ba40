namespace MiladyCloud.Sdk;

/// <summary>
/// A server-sent event stream of typed items, read with <c>await foreach</c>. The request is sent when enumeration
/// starts; a stream can be enumerated once. Breaking out of the loop or cancelling closes the connection at once.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class MiladyCloudStream<T> : IAsyncEnumerable<T>
{
    private readonly Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>>? _open;
    private int _started;

    /// <summary>For mocking frameworks.</summary>
    protected MiladyCloudStream()
    {
    }

    private protected MiladyCloudStream(Func<Action<RateLimitInfo?>, CancellationToken, IAsyncEnumerable<T>> open) => _open = open;

    /// <summary>The rate-limit headers of the stream's response, once it has started.</summary>
    public virtual RateLimitInfo? RateLimit { get; private set; }

    /// <summary>Sends the request and returns an enumerator over the items as they arrive.</summary>
    /// <param name="cancellationToken">Cancels the stream; the connection is closed.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The stream was already enumerated.</exception>
    public virtual IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_open is null)
        {
            throw new InvalidOperationException("This stream was created for mocking and has no source.");
        }

        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A stream can be enumerated only once; call StreamAsync again for a new one.");
        }

        return _open(info => RateLimit = info, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }
}
