namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Facts about a request that the handlers below the client need (retry rules, rate-limit grouping), carried in
/// <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal static class RequestTraits
{
    /// <summary>The call spends credits: after an ambiguous failure it must not be repeated by default.</summary>
    public static readonly HttpRequestOptionsKey<bool> ConsumesCredits = new("MiladyCloud.ConsumesCredits");

    /// <summary>The response is a stream of server-sent events.</summary>
    public static readonly HttpRequestOptionsKey<bool> IsStream = new("MiladyCloud.IsStream");

    /// <summary>The rate-limit window the call counts against.</summary>
    public static readonly HttpRequestOptionsKey<RateLimitCategory> Category = new("MiladyCloud.RateLimitCategory");

    public static HttpRequestMessage MarkCreditConsuming(this HttpRequestMessage request, RateLimitCategory category)
    {
        request.Options.Set(ConsumesCredits, true);
        request.Options.Set(Category, category);
        return request;
    }

    public static HttpRequestMessage MarkStream(this HttpRequestMessage request)
    {
        request.Options.Set(IsStream, true);
        return request;
    }

    public static bool IsCreditConsuming(this HttpRequestMessage request)
        => request.Options.TryGetValue(ConsumesCredits, out var value) && value;

    public static bool IsStreaming(this HttpRequestMessage request)
        => request.Options.TryGetValue(IsStream, out var value) && value;

    public static RateLimitCategory GetCategory(this HttpRequestMessage request)
        => request.Options.TryGetValue(Category, out var value) ? value : RateLimitCategory.Other;
}
