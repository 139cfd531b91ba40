using System.Runtime.CompilerServices;

namespace MiladyCloud.Sdk.Internal.Paging;

/// <summary>
/// Walks a paged collection lazily: a page is fetched only when the caller has consumed the previous one, and the
/// walk ends at the last page. Shared by every client that exposes an <c>…AllAsync</c> enumeration.
/// </summary>
internal static class Pager
{
    /// <summary>Walks pages addressed by a 1-based page number until the server says there are no more.</summary>
    public static IAsyncEnumerable<TItem> ByPageNumberAsync<TPage, TItem>(
        int firstPage,
        Func<int, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IList<TItem>> itemsOf,
        Func<TPage, bool> hasMore,
        CancellationToken cancellationToken)
        => WalkAsync(firstPage, fetchPage, itemsOf, (page, fetched) => hasMore(fetched) ? page + 1 : null, cancellationToken);

    /// <summary>Walks windows addressed by an item offset until the reported total (or an empty window) is reached.</summary>
    public static IAsyncEnumerable<TItem> ByOffsetAsync<TPage, TItem>(
        int firstOffset,
        Func<int, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IList<TItem>> itemsOf,
        Func<TPage, int?> totalOf,
        CancellationToken cancellationToken)
        => WalkAsync(firstOffset, fetchPage, itemsOf, (offset, fetched) => NextOffset(offset, itemsOf(fetched).Count, totalOf(fetched)), cancellationToken);

    /// <summary>
    /// The general walk: <paramref name="next"/> turns the cursor of the page just read into the next cursor, or
    /// <see langword="null"/> at the end.
    /// </summary>
    public static async IAsyncEnumerable<TItem> WalkAsync<TCursor, TPage, TItem>(
        TCursor first,
        Func<TCursor, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IList<TItem>> itemsOf,
        Func<TCursor, TPage, TCursor?> next,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TCursor : struct
    {
        TCursor? cursor = first;
        while (cursor is { } current)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetchPage(current, cancellationToken).ConfigureAwait(false);
            var items = itemsOf(page);
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            // An empty page ends the walk even if the server claims more, so a miscounting server cannot loop us forever.
            cursor = items.Count == 0 ? null : next(current, page);
        }
    }

    private static int? NextOffset(int offset, int received, int? total)
    {
        var next = offset + received;
        return received == 0 || (total is { } t && next >= t) ? null : next;
    }
}
