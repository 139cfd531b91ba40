using System.Text;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>One part of a multipart/form-data body.</summary>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Content);

/// <summary>Splits a multipart/form-data body into its parts (enough for the fake's upload routes).</summary>
internal static class MultipartReader
{
    public static IReadOnlyList<FormPart>? Read(string? contentType, byte[]? body)
    {
        var boundary = contentType?.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))?["boundary=".Length..].Trim('"');
        if (boundary is null || body is null)
        {
            return null;
        }

        // Latin-1 maps every byte to one char and back, so binary file content survives the split unchanged.
        var text = Encoding.Latin1.GetString(body);
        var parts = new List<FormPart>();
        foreach (var section in text.Split("--" + boundary).Skip(1))
        {
            if (section.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var headerEnd = section.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                return null;
            }

            var headers = section[..headerEnd].Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(h => h.Split(':', 2))
                .Where(h => h.Length == 2)
                .ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var content = section[(headerEnd + 4)..];
            content = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2] : content;
            var disposition = headers.GetValueOrDefault("Content-Disposition") ?? string.Empty;
            parts.Add(new FormPart(Parameter(disposition, "name") ?? string.Empty, Parameter(disposition, "filename"), headers.GetValueOrDefault("Content-Type"), Encoding.Latin1.GetBytes(content)));
        }

        return parts;
    }

    private static string? Parameter(string disposition, string name)
    {
        foreach (var piece in disposition.Split(';').Select(p => p.Trim()))
        {
            if (piece.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return piece[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }
}
