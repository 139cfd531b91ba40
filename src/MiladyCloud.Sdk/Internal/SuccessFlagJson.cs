using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Sends a request to a route that may report failure as 200 with <c>success:false</c> (credits verify, auto top-up,
/// the account routes) and raises such a body as the typed API exception. The one place to change if that rule moves.
/// </summary>
internal static class SuccessFlagJson
{
    public static async Task<TResponse> SendAsync<TResponse>(MiladyCloudPipeline pipeline, HttpRequestMessage request, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await pipeline.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            await pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            pipeline.ThrowIfSuccessFalse(response, body);
            return MiladyCloudPipeline.ReadJson(response, responseInfo);
        }
    }
}
