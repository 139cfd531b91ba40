using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>The model catalog (<c>/models</c>). Obtain it from <see cref="MiladyCloudClient.Models"/>.</summary>
public class ModelsClient : CategoryClient
{
    private const int MaxStatusIds = 50;
    private CachedList? _cached;

    /// <summary>For mocking frameworks.</summary>
    protected ModelsClient()
    {
    }

    internal ModelsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Lists every model the service offers. Ids are provider-prefixed, such as <c>openai/gpt-5.4</c>. The answer is
    /// reused for as long as the server's <c>Cache-Control</c> allows (an hour today); treat it as read-only.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The catalog.</returns>
    public virtual Task<ModelList> ListAsync(CancellationToken cancellationToken = default) => ListAsync(useCache: true, cancellationToken);

    /// <summary>Lists every model the service offers, from the cache or fresh from the service.</summary>
    /// <param name="useCache"><see langword="false"/> to ask the service even when a cached answer is still fresh.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The catalog.</returns>
    public virtual async Task<ModelList> ListAsync(bool useCache, CancellationToken cancellationToken = default)
    {
        var now = Pipeline.TimeProvider.GetUtcNow();
        if (useCache && _cached is { } cached && cached.Expires > now)
        {
            return cached.List;
        }

        using var request = Pipeline.CreateRequest(HttpMethod.Get, "models");
        using var response = await Pipeline.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await Pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var list = MiladyCloudPipeline.ReadJson(response, MiladyCloudJsonContext.Default.ModelList);
        var cacheControl = response.Headers.CacheControl;
        var lifetime = cacheControl is { NoStore: false, NoCache: false } ? cacheControl.SharedMaxAge ?? cacheControl.MaxAge : null;
        _cached = lifetime is { } fresh && fresh > TimeSpan.Zero ? new CachedList(list, now + fresh) : null;
        return list;
    }

    /// <summary>Gets one model by id; slashes in the id are kept as path separators, as the API expects.</summary>
    /// <param name="modelId">The model id, such as <c>openai/gpt-5.4</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The catalog entry.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is empty or has an empty, <c>.</c> or <c>..</c> part.</exception>
    public virtual Task<ModelInfo> GetAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var path = "models/" + RequestPath.SlashedSegments(modelId, nameof(modelId));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.ModelInfo, cancellationToken);
    }

    /// <summary>Checks whether up to 50 models are usable right now.</summary>
    /// <param name="modelIds">Between 1 and 50 non-empty model ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One availability entry per id.</returns>
    /// <exception cref="ArgumentException">The list is empty, longer than 50, or has an empty id.</exception>
    public virtual Task<ModelStatusResponse> GetStatusAsync(IEnumerable<string> modelIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelIds);
        var ids = modelIds.ToList();
        if (ids.Count is 0 or > MaxStatusIds)
        {
            throw new ArgumentException($"Pass between 1 and {MaxStatusIds} model ids (got {ids.Count}).", nameof(modelIds));
        }

        if (ids.Exists(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every model id must be a non-empty string.", nameof(modelIds));
        }

        var body = new ModelStatusRequest { ModelIds = ids };
        return Pipeline.SendJsonAsync(HttpMethod.Post, "models/status", body, MiladyCloudJsonContext.Default.ModelStatusRequest, MiladyCloudJsonContext.Default.ModelStatusResponse, cancellationToken);
    }

    private sealed record CachedList(ModelList List, DateTimeOffset Expires);
}
