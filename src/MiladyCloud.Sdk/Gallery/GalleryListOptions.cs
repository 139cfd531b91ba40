using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Filter and window of <see cref="GalleryClient.ListAsync"/>; members left <see langword="null"/> use the server defaults.</summary>
public class GalleryListOptions
{
    /// <summary>The largest window the server returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only images or only videos; both when <see langword="null"/>.</summary>
    public GalleryMediaType? Type { get; set; }

    /// <summary>Items per window, 1 to <see cref="MaxLimit"/>; the server's default is 100.</summary>
    public int? Limit { get; set; }

    /// <summary>Items to skip, from 0; the server's default is 0. <see cref="GalleryClient.ListAllAsync"/> starts here.</summary>
    public int? Offset { get; set; }
}
