using System.Reflection;
using System.Runtime.InteropServices;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Builds <c>MiladyCloud.Sdk/&lt;version&gt; (.NET &lt;runtime&gt;)</c>, with an optional application token.</summary>
internal static class UserAgent
{
    public static readonly string SdkVersion = ReadSdkVersion();

    public static string Build(string? applicationId)
    {
        var runtime = Environment.Version.ToString();
        var core = $"MiladyCloud.Sdk/{SdkVersion} (.NET {runtime}; {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})";
        return string.IsNullOrWhiteSpace(applicationId) ? core : $"{core} {applicationId}";
    }

    private static string ReadSdkVersion()
    {
        var informational = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // Drop the source-revision suffix (+sha) that the SDK build appends.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
