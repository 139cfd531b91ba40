using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Paths and sends shared by the app clients.</summary>
internal static class AppRoute
{
    public static string Path(string appId, string? suffix = null)
    {
        var path = "apps/" + RequestPath.Segment(appId, nameof(appId));
        return suffix is null ? path : path + "/" + suffix;
    }
}
