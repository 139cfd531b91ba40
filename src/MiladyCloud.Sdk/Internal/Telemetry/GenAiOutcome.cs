namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>What a model call reported about itself, for the gen_ai span and the token metric.</summary>
internal readonly record struct GenAiOutcome(string? ResponseId, string? ResponseModel, int? InputTokens, int? OutputTokens, string? FinishReason);
