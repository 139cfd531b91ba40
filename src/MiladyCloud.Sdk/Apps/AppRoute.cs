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

    public static Task<TResponse> GetAsync<TResponse>(MiladyCloudPipeline pipeline, string path, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        => SendAsync(pipeline, pipeline.CreateRequest(HttpMethod.Get, path), responseInfo, cancellationToken);

    public static Task<TResponse> SendAsync<TBody, TResponse>(MiladyCloudPipeline pipeline, HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        => SendAsync(pipeline, pipeline.CreateJsonRequest(method, path, body, bodyInfo), responseInfo, cancellationToken);

    public static async Task<TResponse> SendAsync<TResponse>(MiladyCloudPipeline pipeline, HttpRequestMessage request, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await pipeline.SendJsonAsync(request, responseInfo, cancellationToken).ConfigureAwait(false);
        }
    }
}
