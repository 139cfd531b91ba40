using System.Globalization;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Reads values from a raw query string (without the leading <c>?</c>).</summary>
internal static class FakeQuery
{
    public static string? Value(string query, string name)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var split = pair.Split('=', 2);
            if (Uri.UnescapeDataString(split[0]) == name)
            {
                return split.Length == 2 ? Uri.UnescapeDataString(split[1].Replace('+', ' ')) : string.Empty;
            }
        }

        return null;
    }

    public static int? Int(string query, string name)
        => int.TryParse(Value(query, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
