using System.Globalization;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds and checks the query of the container log routes.</summary>
internal static class ContainerLogQuery
{
    private static readonly string[] Levels = ["all", "error", "warn", "info", "debug"];

    public static string Build(string path, string? level, int? limit = null, DateTimeOffset? since = null)
    {
        var query = new List<string>();
        if (level is not null)
        {
            if (!Levels.Contains(level, StringComparer.Ordinal))
            {
                throw new ArgumentException($"level must be one of {string.Join(", ", Levels)}.", nameof(level));
            }

            query.Add("level=" + level);
        }

        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1, nameof(limit));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(l, 500, nameof(limit));
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (since is { } s)
        {
            query.Add("since=" + Uri.EscapeDataString(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}
