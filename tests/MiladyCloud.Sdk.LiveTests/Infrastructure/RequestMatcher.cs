using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>
/// Decides whether a replayed request is the one the live run sent: same method, path, query, kept headers and body
/// (JSON compared as JSON; a multipart boundary, chosen at random, is ignored).
/// </summary>
internal static partial class RequestMatcher
{
    /// <summary>Null when <paramref name="actual"/> matches <paramref name="recorded"/>, else why not.</summary>
    public static string? Explain(RecordedRequest recorded, RecordedRequest actual)
    {
        if (!string.Equals(recorded.Method, actual.Method, StringComparison.Ordinal) || !string.Equals(recorded.Target, actual.Target, StringComparison.Ordinal))
        {
            return $"expected {recorded.Method} {recorded.Target}, got {actual.Method} {actual.Target}";
        }

        var boundary = Boundary(actual.Headers);
        var recordedBoundary = Boundary(recorded.Headers);
        foreach (var name in recorded.Headers.Keys.Union(actual.Headers.Keys, StringComparer.OrdinalIgnoreCase))
        {
            recorded.Headers.TryGetValue(name, out var expected);
            actual.Headers.TryGetValue(name, out var got);
            if (!string.Equals(Normalize(expected, recordedBoundary), Normalize(got, boundary), StringComparison.Ordinal))
            {
                return $"{actual.Method} {actual.Target}: header {name} was '{expected ?? "(absent)"}' live, '{got ?? "(absent)"}' now";
            }
        }

        return BodiesMatch(Normalize(recorded.Text, recordedBoundary), Normalize(actual.Text, boundary))
            ? null
            : $"{actual.Method} {actual.Target}: body differs.\n  live: {recorded.Text}\n  now:  {actual.Text}";
    }

    private static bool BodiesMatch(string? recorded, string? actual)
    {
        if (string.Equals(recorded, actual, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return recorded is not null && actual is not null && JsonNode.DeepEquals(JsonNode.Parse(recorded), JsonNode.Parse(actual));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string? Boundary(IDictionary<string, string> headers)
        => headers.TryGetValue("Content-Type", out var type) && BoundaryPattern().Match(type) is { Success: true } match
            ? match.Groups[1].Value.Trim('"')
            : null;

    private static string? Normalize(string? text, string? boundary)
        => text is null || string.IsNullOrEmpty(boundary) ? text : text.Replace(boundary, "BOUNDARY", StringComparison.Ordinal);

    [GeneratedRegex("boundary=(\"[^\"]+\"|[^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();
}
