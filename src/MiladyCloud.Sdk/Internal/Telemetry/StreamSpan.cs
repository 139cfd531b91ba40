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

    /// <summary>The UI chat names a tier, not a model (the server resolves it); the span names what was asked for.</summary>
    public static StreamSpan<UiChatStreamPart> UiChat(UiChatRequest request) => new("chat", RequestedModel(request), GenAiFolds.UiChat);

    // As the handler resolves it: the tier, else an id that is not a conversation UUID (read as a model id), else its default.
    private static string RequestedModel(UiChatRequest request)
        => request.Tier?.Value is { Length: > 0 } tier ? tier
            : request.Id is { Length: > 0 } id && !Guid.TryParse(id, out _) ? id
            : UiChatTier.Pro.Value;
}
