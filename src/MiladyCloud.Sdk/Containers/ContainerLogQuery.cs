namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds and checks the query of the container log routes.</summary>
internal static class ContainerLogQuery
{
    private static readonly string[] Levels = ["all", "error", "warn", "info", "debug"];

    public static string Build(string path, string? level, int? limit = null, DateTimeOffset? since = null)
    {
        if (level is not null && !Levels.Contains(level, StringComparer.Ordinal))
        {
            throw new ArgumentException($"level must be one of {string.Join(", ", Levels)}.", nameof(level));
        }

        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1, nameof(limit));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(l, 500, nameof(limit));
        }

        return new QueryString().Add("level", level).Add("limit", limit).Add("since", since).AppendTo(path);
    }
}
