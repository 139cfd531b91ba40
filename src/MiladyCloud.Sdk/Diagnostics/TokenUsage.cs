namespace MiladyCloud.Sdk.Internal;

/// <summary>Records the tokens a call used, with the OpenTelemetry gen_ai attribute names.</summary>
internal static class TokenUsage
{
    public static void Record(string operation, string model, int? input, int? output)
    {
        if (!MiladyCloudTelemetry.TokensUsed.Enabled)
        {
            return;
        }

        Add(operation, model, "input", input);
        Add(operation, model, "output", output);
    }

    private static void Add(string operation, string model, string type, int? tokens)
    {
        if (tokens is > 0)
        {
            MiladyCloudTelemetry.TokensUsed.Add(tokens.Value,
                new KeyValuePair<string, object?>("gen_ai.operation.name", operation),
                new KeyValuePair<string, object?>("gen_ai.request.model", model),
                new KeyValuePair<string, object?>("gen_ai.token.type", type));
        }
    }
}
