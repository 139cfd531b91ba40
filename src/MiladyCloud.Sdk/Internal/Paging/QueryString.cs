using System.Globalization;
using System.Text;

namespace MiladyCloud.Sdk.Internal.Paging;

/// <summary>Builds a query string from optional values; values left <see langword="null"/> are not sent.</summary>
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

    /// <summary>Appends the query to a relative path.</summary>
    public string AppendTo(string path) => path + _text;
}
