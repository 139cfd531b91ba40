using System.Text.Json;

namespace MiladyCloud.Sdk.Testing;

/// <summary>One request the fake server received, as it arrived.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, for example <c>/api/v1/chat/completions</c>.</param>
/// <param name="Query">The raw query string without the leading <c>?</c>, or empty.</param>
/// <param name="Headers">The request headers (names case-insensitive).</param>
/// <param name="Body">The body as text, or <see langword="null"/>.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body)
{
    /// <summary>The body parsed as JSON, or <see langword="null"/> when it is empty or not JSON.</summary>
    public JsonElement? Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Prints the request line without headers, so a journal never shows credentials.</summary>
    /// <returns>For example <c>POST /api/v1/messages</c>.</returns>
    public override string ToString() => Query.Length == 0 ? $"{Method} {Path}" : $"{Method} {Path}?{Query}";
}
