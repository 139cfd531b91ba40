namespace MiladyCloud.Sdk.Internal;

/// <summary>Fills unset options from the environment, as the official SDK's users expect.</summary>
internal static class EnvironmentFallbacks
{
    public static void Apply(MiladyCloudClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY") ?? Environment.GetEnvironmentVariable("ELIZAOS_CLOUD_API_KEY");
        }

        if (options.BaseUrl == MiladyCloudClientOptions.DefaultBaseUrl
            && Environment.GetEnvironmentVariable("MILADY_CLOUD_BASE_URL") is { Length: > 0 } baseUrl
            && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            options.BaseUrl = uri;
        }
    }
}
