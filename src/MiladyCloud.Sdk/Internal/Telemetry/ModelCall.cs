using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>The gen_ai span of one model call: what was asked, and what the answer reports.</summary>
internal sealed record ModelCall<TResponse>(string Operation, string Model, Func<TResponse, GenAiOutcome> Outcome, double? Temperature = null, int? MaxTokens = null, double? TopP = null);

/// <summary>The spans of the model calls.</summary>
internal static class ModelCall
{
    public static ModelCall<ChatCompletion> Chat(ChatCompletionRequest request)
        => new("chat", request.Model, GenAiFolds.Of, request.Temperature, request.MaxTokens, request.TopP);

    public static ModelCall<Message> Messages(MessageRequest request)
        => new("chat", request.Model, GenAiFolds.Of, request.Temperature, request.MaxTokens, request.TopP);

    public static ModelCall<EmbeddingResponse> Embeddings(EmbeddingRequest request)
        => new("embeddings", request.Model, GenAiFolds.Of);

    public static ModelCall<ModelResponse> Responses(CreateResponseRequest request)
        => new("chat", request.Model, GenAiFolds.Of, request.Temperature, request.MaxOutputTokens, request.TopP);
}
