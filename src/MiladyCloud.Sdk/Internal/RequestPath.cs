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
    /// Checks an id the server keeps in a UUID column: any other value is answered by a database error (a 500, or on
    /// some routes a misleading 403), so it is refused before sending.
    /// </summary>
    public static string Uuid(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (!Guid.TryParse(value, out _))
        {
            throw new ArgumentException($"'{value}' is not a valid {parameterName}: the service's ids are UUIDs (such as 0b8e2a3c-5d1f-4c9e-9f2a-7e6d5c4b3a21).", parameterName);
        }

        return Uri.EscapeDataString(value.Trim());
    }

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
