using System.Globalization;
using System.Text;

namespace MiladyCloud.Sdk.Internal;

/// <summary>The one query-string builder: optional values, escaped; values left <see langword="null"/> are not sent.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, int? value)
        => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>A time as the server's date parsers expect it: UTC, milliseconds, <c>Z</c>.</summary>
    public QueryString Add(string name, DateTimeOffset? value)
        => Add(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>A boolean sent only when it differs from what the server assumes without it.</summary>
    public QueryString AddFlag(string name, bool value, bool serverDefault)
        => value == serverDefault ? this : Add(name, value ? "true" : "false");

    /// <summary>Appends the query to a relative path.</summary>
    public string AppendTo(string path) => path + _text;
}
