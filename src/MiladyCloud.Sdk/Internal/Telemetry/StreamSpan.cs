using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>The gen_ai span of a model stream: its operation, the requested model, and how items add up to the outcome.</summary>
internal sealed record StreamSpan<T>(string Operation, string Model, Func<GenAiOutcome, T, GenAiOutcome> Fold);

/// <summary>The spans of the model streams.</summary>
internal static class StreamSpan
{
    public static StreamSpan<ChatCompletionChunk> Chat(string model) => new("chat", model, GenAiFolds.Chat);

    public static StreamSpan<MessageStreamEvent> Messages(string model) => new("chat", model, GenAiFolds.Message);

    public static StreamSpan<ResponseStreamEvent> Responses(string model) => new("chat", model, GenAiFolds.Response);
}
