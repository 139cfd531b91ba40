using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Search, filter, sort and paging of <see cref="AgentsClient.ListAsync"/>; members left <see langword="null"/> use the server defaults.</summary>
public class AgentListOptions
{
    /// <summary>Most characters per page the server returns; larger page sizes are clamped to it.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Case-insensitive match on name or bio.</summary>
    public string? Search { get; set; }

    /// <summary>Exact match on the category.</summary>
    public string? Category { get; set; }

    /// <summary>Sort key; the server's default is <see cref="AgentSortBy.Newest"/>.</summary>
    public AgentSortBy? SortBy { get; set; }

    /// <summary>Sort direction; the server's default is <see cref="AgentSortDirection.Descending"/>.</summary>
    public AgentSortDirection? Order { get; set; }

    /// <summary>The page, from 1; the server's default is 1. <see cref="AgentsClient.ListAllAsync"/> starts here.</summary>
    public int? Page { get; set; }

    /// <summary>Page size, 1 to <see cref="MaxLimit"/>; the server's default is 30.</summary>
    public int? Limit { get; set; }
}
