using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// API key management (<c>/api-keys</c>). The service accepts these calls only with a browser session, never with an
/// API key: set <see cref="MiladyCloudClientOptions.SessionToken"/>. Requests here carry the session cookie alone (an
/// API key on the same request would make the server refuse it). Without a session token every method throws an
/// <see cref="InvalidOperationException"/> before sending. Obtain it from <see cref="MiladyCloudClient.ApiKeys"/>.
/// </summary>
public class ApiKeysClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected ApiKeysClient()
    {
    }

    internal ApiKeysClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists the organization's keys. The records include the full secret keys; <c>ToString</c> never shows them.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="InvalidOperationException">No session token is configured.</exception>
    public virtual async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await Pipeline.GetJsonAsync("api-keys", MiladyCloudJsonContext.Default.ApiKeyList, cancellationToken, SendFlags.SessionOnly | SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return list.Keys.ToList();
    }

    /// <summary>
    /// Creates a key. The answer's <see cref="NewApiKey.PlainKey"/> is the only time the secret is returned: store it
    /// at once. Not retried automatically, so a lost answer never leaves a second, unseen key behind.
    /// </summary>
    /// <param name="key">Name (1-100 characters), optional description, up to 50 permissions, rate limit 1-100000, expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record and the plain key.</returns>
    /// <exception cref="ArgumentException">A field is outside the server's limits.</exception>
    /// <exception cref="InvalidOperationException">No session token is configured.</exception>
    public virtual Task<NewApiKey> CreateAsync(CreateApiKeyRequest key, CancellationToken cancellationToken = default)
    {
        ApiKeyRequestValidator.Validate(key);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "api-keys", key, MiladyCloudJsonContext.Default.CreateApiKeyRequest, MiladyCloudJsonContext.Default.NewApiKey, cancellationToken, SendFlags.NoRetry | SendFlags.SessionOnly | SendFlags.SuccessFlagInBody);
    }

    /// <summary>Changes a key's name, description, permissions, rate limit, expiry or active flag (sent as <c>PATCH</c>, which the server takes; the docs say <c>PUT</c>).</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="update">At least one field.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated record.</returns>
    /// <exception cref="ArgumentException">Nothing to change, an id that is not a UUID, or a field outside the limits.</exception>
    /// <exception cref="InvalidOperationException">No session token is configured.</exception>
    public virtual async Task<ApiKeyInfo> UpdateAsync(string keyId, UpdateApiKeyRequest update, CancellationToken cancellationToken = default)
    {
        var path = KeyPath(keyId);
        ApiKeyRequestValidator.Validate(update);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Patch, path, update, MiladyCloudJsonContext.Default.UpdateApiKeyRequest, MiladyCloudJsonContext.Default.ApiKeyResponse, cancellationToken, SendFlags.SessionOnly | SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.ApiKey;
    }

    /// <summary>Deletes a key; it stops working at once (cached validations may linger for up to 10 minutes on the server).</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is deleted.</returns>
    /// <exception cref="ArgumentException">The id is not a UUID (the server would answer a misleading 403).</exception>
    /// <exception cref="InvalidOperationException">No session token is configured.</exception>
    public virtual async Task DeleteAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await Pipeline.SendJsonAsync(HttpMethod.Delete, KeyPath(keyId), MiladyCloudJsonContext.Default.DeleteApiKeyResponse, cancellationToken, SendFlags.SessionOnly | SendFlags.SuccessFlagInBody).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a key's secret (same id, name and permissions); the old secret stops working. The answer's
    /// <see cref="NewApiKey.PlainKey"/> is the only time the new secret is returned. Not retried automatically: a
    /// repeat would replace the secret again and lose the first answer.
    /// </summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record and the new plain key.</returns>
    /// <exception cref="ArgumentException">The id is not a UUID (the server would answer a misleading 403).</exception>
    /// <exception cref="InvalidOperationException">No session token is configured.</exception>
    public virtual Task<NewApiKey> RegenerateAsync(string keyId, CancellationToken cancellationToken = default)
    {
        return Pipeline.SendJsonAsync(HttpMethod.Post, KeyPath(keyId) + "/regenerate", MiladyCloudJsonContext.Default.NewApiKey, cancellationToken, SendFlags.NoRetry | SendFlags.SessionOnly | SendFlags.SuccessFlagInBody);
    }

    private static string KeyPath(string keyId) => "api-keys/" + RequestPath.UuidSegment(keyId, nameof(keyId));
}
