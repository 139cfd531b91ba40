namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Splits resource paths into the id and what follows it, and names the site a request was sent to.</summary>
internal static class FakePaths
{
    /// <summary>
    /// For <c>{prefix}/{id}</c> or <c>{prefix}/{id}/{rest}</c>: the unescaped id and <c>rest</c> (empty when there is none).
    /// </summary>
    public static bool TryResource(string path, string prefix, out string id, out string rest)
    {
        id = rest = string.Empty;
        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var tail = path[(prefix.Length + 1)..];
        var slash = tail.IndexOf('/', StringComparison.Ordinal);
        id = Uri.UnescapeDataString(slash < 0 ? tail : tail[..slash]);
        rest = slash < 0 ? string.Empty : tail[(slash + 1)..];
        return id.Length > 0;
    }

    /// <summary>The site root the request was sent to (its share and MCP links point there), from the Host header.</summary>
    public static string SiteUrl(FakeCall call)
        => call.Request.Headers.TryGetValue("Host", out var host) && host.Length > 0 ? "http://" + host : "http://localhost:3000";
}
