using System.Globalization;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The real service's character usernames: a slug of the name, made unique with <c>-2</c>, <c>-3</c>… suffixes.</summary>
internal static partial class FakeUsernames
{
    private const int MinLength = 3;
    private const int MaxLength = 30;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "api", "app", "chat", "dashboard", "eliza", "elizaos", "help", "login", "logout", "me", "new", "null",
        "profile", "settings", "signup", "support", "system", "undefined", "user", "www",
    };

    public static bool IsReserved(string username) => Reserved.Contains(username);

    /// <summary>A free username for <paramref name="name"/>; <paramref name="isTaken"/> sees reserved names as taken.</summary>
    public static string Generate(string name, Func<string, bool> isTaken)
    {
        var slug = Slug(name);
        if (!isTaken(slug))
        {
            return slug;
        }

        // Room for a "-999" suffix, as the service keeps it.
        var stem = slug.Length > MaxLength - 4 ? slug[..(MaxLength - 4)].TrimEnd('-') : slug;
        for (var suffix = 2; ; suffix++)
        {
            var candidate = stem + "-" + suffix.ToString(CultureInfo.InvariantCulture);
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The normalized username, or the service's message for an invalid one.</summary>
    public static (string? Username, string? Error) Validate(string username)
    {
        var normalized = username.Trim().ToLowerInvariant();
        var error = normalized.Length switch
        {
            < MinLength => $"Username must be at least {MinLength} characters",
            > MaxLength => $"Username must be at most {MaxLength} characters",
            _ when Pattern().IsMatch(normalized) => Reserved.Contains(normalized) ? "This username is reserved" : null,
            _ when normalized.StartsWith('-') || normalized.EndsWith('-') => "Username cannot start or end with a hyphen",
            _ when normalized.Contains("--", StringComparison.Ordinal) => "Username cannot contain consecutive hyphens",
            _ => "Username can only contain lowercase letters, numbers, and hyphens",
        };
        return error is null ? (normalized, null) : (null, error);
    }

    private static string Slug(string name)
    {
        var slug = Separators().Replace(name.Trim().ToLowerInvariant(), "-");
        slug = Hyphens().Replace(Disallowed().Replace(slug, string.Empty), "-").Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        // The service pads short slugs with random characters; the fake pads with a fixed one so names stay predictable.
        return slug.PadRight(MinLength, '0');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"[\s_]+")]
    private static partial Regex Separators();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex Disallowed();

    [GeneratedRegex("-+")]
    private static partial Regex Hyphens();
}
