namespace MiladyCloud.Sdk.Internal;

/// <summary>Checks a caller-supplied relative path so the escape hatch cannot leave the API's host or root.</summary>
internal static class EscapeHatchPath
{
    public static string Check(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (HeaderValues.ContainsLineBreak(relativePath) || relativePath.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path must not contain line breaks or backslashes.", nameof(relativePath));
        }

        var trimmed = relativePath.TrimStart('/');
        if (relativePath.Contains("://", StringComparison.Ordinal) || relativePath.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("Pass a path relative to the API root (for example \"credits/balance\"), not an absolute URL.", nameof(relativePath));
        }

        var path = trimmed.Split('?', 2)[0];
        foreach (var segment in path.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "." or "..")
            {
                throw new ArgumentException("The path must not contain '.' or '..' segments.", nameof(relativePath));
            }
        }

        return trimmed;
    }
}
