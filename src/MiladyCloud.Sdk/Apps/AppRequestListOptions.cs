namespace MiladyCloud.Sdk;

/// <summary>
/// Filters and window of <see cref="AppsClient.ListRequestsAsync"/> and <see cref="AppsClient.ListAllRequestsAsync"/>;
/// members left <see langword="null"/> use the server defaults.
/// </summary>
public class AppRequestListOptions
{
    /// <summary>The largest window the server returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>Only requests of this type (such as <c>chat</c> or <c>image</c>); every type when <see langword="null"/>.</summary>
    public string? RequestType { get; set; }

    /// <summary>Only requests from this source (<c>api_key</c>, <c>sandbox_preview</c> or <c>embed</c>); every source when <see langword="null"/>.</summary>
    public string? Source { get; set; }

    /// <summary>Only requests made at or after this time.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Only requests made at or before this time.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Requests per window, 1 to <see cref="MaxLimit"/>; the server's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>Requests to skip, from 0; the server's default is 0. <see cref="AppsClient.ListAllRequestsAsync"/> starts here.</summary>
    public int? Offset { get; set; }
}
