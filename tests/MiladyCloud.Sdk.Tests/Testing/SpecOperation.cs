using System.Text.Json;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>One operation of the spec and what a valid request to it needs.</summary>
public sealed record SpecOperation(string Method, string Path, bool SiteRoot, bool SessionOnly, string? BodyMediaType, IReadOnlyList<(string Name, string Value)> RequiredQuery, IReadOnlyList<string> DocumentedStatuses)
{
    public static SpecOperation Read(string path, JsonElement pathItem, JsonProperty op, JsonElement parameterComponents)
    {
        var servers = op.Value.TryGetProperty("servers", out var s) ? s : pathItem.TryGetProperty("servers", out var ps) ? ps : default;
        var siteRoot = servers.ValueKind == JsonValueKind.Array && !servers[0].GetProperty("url").GetString()!.Contains("/api/v1", StringComparison.Ordinal);
        // Operations whose security has no API-key scheme (the key-management routes) take the browser session only.
        var sessionOnly = op.Value.TryGetProperty("security", out var security)
            && !security.EnumerateArray().Any(r => r.TryGetProperty("apiKeyHeader", out _));
        var media = op.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : null;
        var statuses = op.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        return new SpecOperation(op.Name.ToUpperInvariant(), path, siteRoot, sessionOnly, media, RequiredQueryOf(op.Value, parameterComponents), statuses);
    }

    public string RelativeUrl(string id)
    {
        var parts = Path.TrimStart('/').Split('/').Select(p => p switch
        {
            "{path}" => "workflows",
            _ when p.StartsWith('{') => id,
            _ => p,
        });
        var url = (SiteRoot ? string.Empty : "api/v1/") + string.Join('/', parts);
        return RequiredQuery.Count == 0 ? url : url + "?" + string.Join('&', RequiredQuery.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));
    }

    public override string ToString() => $"{Method} {Path}";

    private static List<(string, string)> RequiredQueryOf(JsonElement op, JsonElement parameterComponents)
    {
        if (!op.TryGetProperty("parameters", out var parameters))
        {
            return [];
        }

        return parameters.EnumerateArray()
            .Select(p => p.TryGetProperty("$ref", out var reference) ? parameterComponents.GetProperty(reference.GetString()!.Split('/')[^1]) : p)
            .Where(p => p.GetProperty("in").ValueEquals("query") && p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True)
            .Select(p => (p.GetProperty("name").GetString()!, SampleValue(p)))
            .ToList();
    }

    private static string SampleValue(JsonElement parameter)
    {
        if (parameter.TryGetProperty("example", out var example))
        {
            return example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();
        }

        var schema = parameter.TryGetProperty("schema", out var sc) ? sc : default;
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueEquals("integer") ? "1" : "coverage";
    }
}
