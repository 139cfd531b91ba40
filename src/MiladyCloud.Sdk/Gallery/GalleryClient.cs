using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The gallery (<c>/gallery</c>): the caller's completed image and video generations that have a stored file, newest
/// first. It is a read-only view: the service has no route to tag, share, collect or delete gallery items. Obtain it
/// from <see cref="MiladyCloudClient.Gallery"/>.
/// </summary>
public class GalleryClient : CategoryClient
{
    private const int DefaultLimit = 100;

    /// <summary>For mocking frameworks.</summary>
    protected GalleryClient()
    {
    }

    internal GalleryClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists one window of the gallery.</summary>
    /// <param name="options">Media type, window size and offset; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items and whether the server saw more after them.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1-1000 or the offset is negative.</exception>
    public virtual Task<GalleryPage> ListAsync(GalleryListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check(options);
        return FetchAsync(options?.Type, options?.Limit, options?.Offset, cancellationToken);
    }

    /// <summary>
    /// Enumerates the whole gallery, fetching windows lazily as you iterate (from <see cref="GalleryListOptions.Offset"/>,
    /// default 0, in windows of <see cref="GalleryListOptions.Limit"/>, default 100) and stopping at an empty window.
    /// </summary>
    /// <remarks>
    /// The server drops generations without a stored file after reading a window, and a window that held one reports
    /// <c>hasMore</c> false even when more follow. So the walk does not trust <c>hasMore</c>: it moves on by the window
    /// size until a window comes back empty, at the price of one more request at the end.
    /// </remarks>
    /// <param name="options">Media type, window size and first offset.</param>
    /// <param name="cancellationToken">Cancels the walk, also between windows.</param>
    /// <returns>The items, newest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1-1000 or the offset is negative (thrown at once).</exception>
    public virtual IAsyncEnumerable<GalleryItem> ListAllAsync(GalleryListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check(options);
        var type = options?.Type;
        var limit = options?.Limit ?? DefaultLimit;
        return Pager.WalkAsync(
            options?.Offset ?? 0,
            (offset, ct) => FetchAsync(type, limit, offset, ct),
            page => page.Items,
            (offset, _) => offset + limit,
            cancellationToken);
    }

    private Task<GalleryPage> FetchAsync(GalleryMediaType? type, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var path = new QueryString().Add("type", type?.Value).Add("limit", limit).Add("offset", offset).AppendTo("gallery");
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.GalleryPage, cancellationToken);
    }

    private static void Check(GalleryListOptions? options)
    {
        if (options?.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, "limit");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, GalleryListOptions.MaxLimit, "limit");
        }

        if (options?.Offset is { } offset)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset, "offset");
        }
    }
}
