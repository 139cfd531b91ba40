using System.Text;

namespace MiladyCloud.Sdk.Tests.Knowledge;

/// <summary>A minimal multipart/form-data reader for asserting what went over the wire.</summary>
internal sealed record MultipartPart(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Disposition => Headers["Content-Disposition"];

    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;

    public static IReadOnlyList<MultipartPart> Parse(string contentTypeHeader, byte[] body)
    {
        var boundary = contentTypeHeader.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("boundary=", StringComparison.Ordinal))["boundary=".Length..].Trim('"');
        // Latin-1 maps every byte to one char, so binary content survives the split unchanged.
        var text = Encoding.Latin1.GetString(body);
        var sections = text.Split("--" + boundary);
        Assert.That(sections[^1].Trim(), Is.EqualTo("--"), "the body must end with the closing boundary");
        return sections[1..^1].Select(ParsePart).ToList();
    }

    private static MultipartPart ParsePart(string section)
    {
        var trimmed = section[2..^2]; // the CRLF after the boundary and before the next one
        var split = trimmed.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = trimmed[..split].Split("\r\n").Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new MultipartPart(headers, trimmed[(split + 4)..]);
    }
}
