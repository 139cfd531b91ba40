namespace MiladyCloud.Sdk;

/// <summary>
/// What the service's <c>/messages</c> does with sampling settings, by model, read from elizaOS/cloud
/// (<c>app/api/v1/messages/route.ts</c> <c>toGatewayModel</c>, <c>packages/lib/pricing.ts</c>
/// <c>getProviderFromModel</c>, <c>isReasoningModel</c> and <c>getSafeModelParams</c>). The handler checks no range
/// itself: it silently deletes <c>top_k</c> for models of other providers than Anthropic and <c>temperature</c> for
/// reasoning models, and passes the rest to the model's provider.
/// </summary>
internal static class MessageModelRules
{
    /// <summary>Whether the service routes the model to Anthropic: an <c>anthropic/</c> prefix, or no prefix and a <c>claude-</c> name.</summary>
    public static bool IsAnthropic(string model)
        => Provider(model).Equals("anthropic", StringComparison.Ordinal);

    /// <summary>Models whose temperature the service drops: names starting with <c>claude-opus</c>, and <c>o1</c> or <c>o3</c> (alone or followed by <c>-</c>).</summary>
    public static bool IsReasoningModel(string model)
    {
        var name = NameWithoutProvider(model);
        return name.StartsWith("claude-opus", StringComparison.Ordinal) || name is "o1" or "o3" || name.StartsWith("o1-", StringComparison.Ordinal) || name.StartsWith("o3-", StringComparison.Ordinal);
    }

    /// <summary>
    /// The highest temperature the model's provider takes: 1 for Anthropic (beyond it the provider clamps to 1 without
    /// saying), 2 for the others (the OpenAI-style range).
    /// </summary>
    public static double MaxTemperature(string model) => IsAnthropic(model) ? 1 : 2;

    private static string Provider(string model)
    {
        // The handler first prefixes bare claude- names with "anthropic/", then takes the text before the first "/".
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? model[..slash]
            : model.StartsWith("claude-", StringComparison.Ordinal) ? "anthropic"
            : "other";
    }

    private static string NameWithoutProvider(string model)
    {
        // normalizeModelName keeps the second "/"-separated part only.
        var parts = model.Split('/');
        return parts.Length > 1 ? parts[1] : model;
    }
}
