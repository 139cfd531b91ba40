using System.Net.Http.Headers;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Checks on values that end up in HTTP headers (header injection is refused before sending).</summary>
internal static class HeaderValues
{
    public static bool ContainsLineBreak(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    public static bool IsValidProductToken(string value)
    {
        foreach (var part in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ProductInfoHeaderValue.TryParse(part, out _))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
