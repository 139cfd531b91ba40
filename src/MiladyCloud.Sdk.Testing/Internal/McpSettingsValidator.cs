using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The MCP routes' zod schemas: checks a body member, collects the issues as <c>{field, message}</c> the way the routes
/// report them (zod 4's messages, the service's version), and keeps only the members the schemas know (zod strips the rest).
/// </summary>
internal sealed class McpSettingsValidator
{
    private const int MaxServers = 50;
    private const int MaxIdLength = 100;
    private const int MaxUrlLength = 2048;
    private const int MaxTimeout = 300_000;
    private const int MaxRetries = 10;

    public List<(string Field, string Message)> Issues { get; } = [];

    /// <summary>The <c>mcpSettings</c> object as the schema keeps it, or <see langword="null"/> with <see cref="Issues"/> filled.</summary>
    public JsonObject? Settings(JsonElement settings, string field)
    {
        if (!IsObject(settings, field))
        {
            return null;
        }

        var servers = new JsonObject();
        var given = FakeFormat.Member(settings, "servers");
        if (IsObject(given, field + ".servers"))
        {
            var before = Issues.Count;
            foreach (var server in given.EnumerateObject())
            {
                if (server.Name.Length > MaxIdLength)
                {
                    // zod reports the key and does not look at its value.
                    Issues.Add(($"{field}.servers.{server.Name}", "Invalid key in record"));
                    continue;
                }

                if (Server(server.Value, $"{field}.servers.{server.Name}") is { } kept)
                {
                    servers[server.Name] = kept;
                }
            }

            // zod runs the record's refinement only when its entries parsed cleanly.
            if (Issues.Count == before && given.EnumerateObject().Count() > MaxServers)
            {
                Issues.Add((field + ".servers", $"Maximum {MaxServers} MCP servers allowed"));
            }
        }

        var result = new JsonObject { ["servers"] = servers };
        if (Integer(FakeFormat.Member(settings, "maxRetries"), field + ".maxRetries", MaxRetries) is { } retries)
        {
            result["maxRetries"] = retries;
        }

        return Issues.Count == 0 ? result : null;
    }

    /// <summary>One server config (<c>type</c>, <c>url</c>, optional <c>timeout</c>), or <see langword="null"/> with the issues recorded.</summary>
    public JsonObject? Server(JsonElement server, string field)
    {
        if (!IsObject(server, field))
        {
            return null;
        }

        var before = Issues.Count;
        var type = FakeFormat.Member(server, "type");
        if (type.ValueKind != JsonValueKind.String || type.GetString() is not ("streamable-http" or "stdio"))
        {
            Issues.Add((field + ".type", "Invalid option: expected one of \"streamable-http\"|\"stdio\""));
        }

        var url = Url(FakeFormat.Member(server, "url"), field + ".url");
        var timeout = Integer(FakeFormat.Member(server, "timeout"), field + ".timeout", MaxTimeout);
        if (Issues.Count > before)
        {
            return null;
        }

        var kept = new JsonObject { ["type"] = type.GetString(), ["url"] = url };
        if (timeout is { } ms)
        {
            kept["timeout"] = ms;
        }

        return kept;
    }

    /// <summary>A required string of 1–<paramref name="max"/> characters.</summary>
    public string? RequiredText(JsonElement value, string field, int max)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Issues.Add((field, "Invalid input: expected string, received " + Kind(value)));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length is 0 || text.Length > max)
        {
            Issues.Add((field, text.Length == 0 ? "Too small: expected string to have >=1 characters" : $"Too big: expected string to have <={max} characters"));
            return null;
        }

        return text;
    }

    /// <summary>An optional boolean; <paramref name="fallback"/> when absent.</summary>
    public bool Flag(JsonElement value, string field, bool fallback)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        if (value.ValueKind != JsonValueKind.Undefined)
        {
            Issues.Add((field, "Invalid input: expected boolean, received " + Kind(value)));
        }

        return fallback;
    }

    /// <summary>
    /// At most 2048 characters, and an absolute URL or a site path (an empty string is neither). Both checks run, as
    /// zod's length check does not stop the refinement after it.
    /// </summary>
    private string? Url(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Issues.Add((field, "Invalid input: expected string, received " + Kind(value)));
            return null;
        }

        var url = value.GetString()!;
        var before = Issues.Count;
        if (url.Length > MaxUrlLength)
        {
            Issues.Add((field, $"Too big: expected string to have <={MaxUrlLength} characters"));
        }

        if (!url.StartsWith('/') && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            Issues.Add((field, "Must be a valid URL or pathname starting with /"));
        }

        return Issues.Count == before ? url : null;
    }

    private int? Integer(JsonElement value, string field, int max)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        if (!value.TryGetDecimal(out var number) || number != Math.Floor(number))
        {
            Issues.Add((field, value.ValueKind == JsonValueKind.Number ? "Invalid input: expected int, received number" : "Invalid input: expected number, received " + Kind(value)));
            return null;
        }

        if (number < 0 || number > max)
        {
            Issues.Add((field, number < 0 ? "Too small: expected number to be >=0" : $"Too big: expected number to be <={max.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }

        return (int)number;
    }

    private bool IsObject(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Issues.Add((field, "Invalid input: expected object, received " + Kind(value)));
        return false;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "undefined",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "object",
    };
}
