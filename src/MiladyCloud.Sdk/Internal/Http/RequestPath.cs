namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds relative request paths with every caller-supplied value escaped, so an id cannot reach another route.</summary>
internal static class RequestPath
{
    /// <summary>Escapes one path segment; rejects empty, <c>.</c> and <c>..</c> values.</summary>
    public static string Segment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value is "." or "..")
        {
            throw new ArgumentException($"'{value}' is not a valid {parameterName}.", parameterName);
        }

        return Uri.EscapeDataString(value);
    }

    /// <summary>
    /// Checks an id that the server stores in a UUID column and returns it as a path segment. The server passes such
    /// ids to the database unchecked, so any other value fails there with a 500 (or, on some routes, a misleading 400)
    /// instead of a 404; refusing it here gives the caller a clear <see cref="ArgumentException"/>. The forms the
    /// database accepts are allowed: <c>8-4-4-4-12</c> hex digits, 32 hex digits, or either in braces.
    /// </summary>
    public static string UuidSegment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (!IsUuid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid {parameterName}: the server expects a UUID such as 0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e.", parameterName);
        }

        return Uri.EscapeDataString(value);
    }

    private static bool IsUuid(string value)
        => value.Length == value.AsSpan().Trim().Length
            && (Guid.TryParseExact(value, "D", out _) || Guid.TryParseExact(value, "N", out _) || Guid.TryParseExact(value, "B", out _));

    /// <summary>
    /// Escapes a value that the API expects to keep its slashes (model ids such as <c>openai/gpt-5.4</c>):
    /// each slash-separated part is escaped on its own.
    /// </summary>
    public static string SlashedSegments(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        var parts = value.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || parts[i] is "." or "..")
            {
                throw new ArgumentException($"'{value}' is not a valid {parameterName}: it has an empty, '.' or '..' part.", parameterName);
            }

            parts[i] = Uri.EscapeDataString(parts[i]);
        }

        return string.Join('/', parts);
    }
}
