using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// The request pipeline shared by all category clients: URL building, credentials, user agent,
/// JSON bodies, error mapping.
/// </summary>
internal sealed class MiladyCloudPipeline
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");
    private readonly string _userAgent;

    public MiladyCloudPipeline(HttpClient httpClient, MiladyCloudClientOptions options)
    {
        Http = httpClient;
        Options = options;
        ApiBase = WithTrailingSlash(options.BaseUrl);
        SiteBase = WithTrailingSlash(options.SiteUrl ?? DeriveSiteUrl(ApiBase));
        _userAgent = UserAgent.Build(options.ApplicationId);
    }

    public HttpClient Http { get; }

    public MiladyCloudClientOptions Options { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    public Uri ApiBase { get; }

    public Uri SiteBase { get; }

    public HttpRequestMessage CreateRequest(HttpMethod method, string relativePath, ApiRoot root = ApiRoot.V1)
    {
        var baseUri = root == ApiRoot.V1 ? ApiBase : SiteBase;
        var request = new HttpRequestMessage(method, new Uri(baseUri, relativePath));
        request.Headers.Accept.Add(JsonMediaType);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
        return request;
    }

    public HttpRequestMessage CreateJsonRequest<TBody>(HttpMethod method, string relativePath, TBody body, JsonTypeInfo<TBody> bodyInfo, ApiRoot root = ApiRoot.V1)
    {
        var request = CreateRequest(method, relativePath, root);
        // Serialized up front: the length is known and a retry can send the same bytes again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Content = content;
        return request;
    }

    public async Task<TResponse> SendJsonAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        try
        {
            return await Http.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MiladyCloudConnectionException($"Could not reach elizaOS Cloud at {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorResponseReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<TResponse> ReadJsonAsync<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var result = await JsonSerializer.DeserializeAsync(stream, responseInfo, cancellationToken).ConfigureAwait(false);
                return result ?? throw new JsonException("The response body was the JSON literal null.");
            }
            catch (JsonException ex)
            {
                // The content is buffered (ResponseContentRead), so the text comes from the buffer, not the spent stream.
                var raw = await ErrorResponseReader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                throw new MiladyCloudResponseFormatException($"The response to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} was not the JSON expected ({typeof(TResponse).Name}): {ex.Message} Body: {Truncate(raw)}", raw, ex);
            }
        }
    }

    private static string Truncate(string? raw) => raw is null ? "(unreadable)" : raw.Length <= 500 ? raw : raw[..500] + "…";

    private static Uri WithTrailingSlash(Uri uri)
        => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static Uri DeriveSiteUrl(Uri apiBase)
    {
        const string suffix = "api/v1/";
        var text = apiBase.AbsoluteUri;
        return text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? new Uri(text[..^suffix.Length])
            : new Uri(apiBase, "/");
    }
}
