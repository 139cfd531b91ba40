using System.Globalization;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds the query string of an app route; values are escaped, unset values left out.</summary>
internal sealed class AppQuery
{
    private readonly List<string> _parts = [];

    public AppQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            _parts.Add(name + "=" + Uri.EscapeDataString(value));
        }

        return this;
    }

    public AppQuery Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public AppQuery Add(string name, DateTimeOffset? value)
        => Add(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public AppQuery AddFlag(string name, bool value, bool serverDefault) => value == serverDefault ? this : Add(name, value ? "true" : "false");

    public string AppendTo(string path) => _parts.Count == 0 ? path : path + "?" + string.Join('&', _parts);
}
