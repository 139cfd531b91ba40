using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>Each SDK configured the way a user would, pointed at the same base URL and the same in-memory transport.</summary>
internal static class Contenders
{
    public static readonly Uri BaseUrl = new("https://api.example.test/api/v1/");
    private const string ApiKey = "eliza_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>
    /// Ours, counting every call in its rate-limit model but never holding one: a benchmark loop makes thousands of calls
    /// a second, which the service's presets would refuse, and a held call would measure a sleep instead of the SDK.
    /// </summary>
    public static MiladyCloudClient Ours(HttpMessageHandler handler, Uri? baseUrl = null)
        => new(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = ApiKey, BaseUrl = baseUrl ?? BaseUrl, HoldWhenRateLimitExhausted = false });

    public static OpenAIClient OpenAI(HttpMessageHandler handler, Uri? baseUrl = null)
        => new(new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = baseUrl ?? BaseUrl,
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
        });

    public static Anthropic.AnthropicClient Anthropic(HttpMessageHandler handler, Uri? baseUrl = null)
        => new() { ApiKey = ApiKey, BaseUrl = (baseUrl ?? BaseUrl).ToString().TrimEnd('/'), HttpClient = new HttpClient(handler) };

    /// <summary>The floor: a bare HttpClient, as hand-written code would use it.</summary>
    public static HttpClient Raw(HttpMessageHandler handler, Uri? baseUrl = null)
    {
        var client = new HttpClient(handler) { BaseAddress = baseUrl ?? BaseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}
