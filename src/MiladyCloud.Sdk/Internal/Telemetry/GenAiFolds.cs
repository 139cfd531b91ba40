using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>What each kind of stream event tells the gen_ai span.</summary>
internal static class GenAiFolds
{
    public static GenAiOutcome Chat(GenAiOutcome outcome, ChatCompletionChunk chunk)
    {
        var finish = chunk.Choices.Count > 0 ? chunk.Choices[0].FinishReason?.Value : null;
        return outcome with
        {
            ResponseId = outcome.ResponseId ?? chunk.Id,
            ResponseModel = outcome.ResponseModel ?? chunk.Model,
            InputTokens = chunk.Usage?.PromptTokens ?? outcome.InputTokens,
            OutputTokens = chunk.Usage?.CompletionTokens ?? outcome.OutputTokens,
            FinishReason = string.IsNullOrEmpty(finish) ? outcome.FinishReason : finish,
        };
    }

    public static GenAiOutcome Message(GenAiOutcome outcome, MessageStreamEvent streamEvent) => streamEvent switch
    {
        MessageStartEvent start => outcome with
        {
            ResponseId = start.Message.Id,
            ResponseModel = start.Message.Model,
            InputTokens = start.Message.Usage.InputTokens,
            OutputTokens = start.Message.Usage.OutputTokens,
        },
        MessageDeltaEvent delta => outcome with
        {
            InputTokens = delta.Usage.InputTokens ?? outcome.InputTokens,
            OutputTokens = delta.Usage.OutputTokens,
            FinishReason = delta.Delta.StopReason?.Value ?? outcome.FinishReason,
        },
        _ => outcome,
    };

    public static GenAiOutcome Of(ChatCompletion completion)
        => new(completion.Id, completion.Model, completion.Usage?.PromptTokens, completion.Usage?.CompletionTokens, completion.Choices.Count > 0 ? completion.Choices[0].FinishReason.Value : null);

    public static GenAiOutcome Of(Message message)
        => new(message.Id, message.Model, message.Usage.InputTokens, message.Usage.OutputTokens, message.StopReason?.Value);

    public static GenAiOutcome Of(ModelResponse response)
        => new(response.Id, response.Model, response.Usage?.InputTokens, response.Usage?.OutputTokens, response.Status.Value);

    public static GenAiOutcome Of(EmbeddingResponse response)
        => new(null, response.Model, response.Usage?.PromptTokens, null, null);

    public static GenAiOutcome Response(GenAiOutcome outcome, ResponseStreamEvent streamEvent) => streamEvent switch
    {
        ResponseCreatedEvent created => outcome with
        {
            ResponseId = string.IsNullOrEmpty(created.Response.Id) ? outcome.ResponseId : created.Response.Id,
            ResponseModel = created.Response.Model,
        },
        ResponseCompletedEvent completed => Finished(outcome, completed.Response),
        ResponseFailedEvent failed => Finished(outcome, failed.Response),
        ResponseIncompleteEvent incomplete => Finished(outcome, incomplete.Response),
        _ => outcome,
    };

    /// <summary>The UI message stream reports no model and no usage: only the message id (when sent) and the finish reason.</summary>
    public static GenAiOutcome UiChat(GenAiOutcome outcome, UiChatStreamPart part) => part switch
    {
        UiChatStartPart start => outcome with { ResponseId = start.MessageId ?? outcome.ResponseId },
        UiChatFinishPart finish => outcome with { FinishReason = finish.FinishReason?.Value ?? outcome.FinishReason },
        _ => outcome,
    };

    private static GenAiOutcome Finished(GenAiOutcome outcome, ModelResponse response) => outcome with
    {
        ResponseId = string.IsNullOrEmpty(response.Id) ? outcome.ResponseId : response.Id,
        ResponseModel = response.Model ?? outcome.ResponseModel,
        InputTokens = response.Usage?.InputTokens ?? outcome.InputTokens,
        OutputTokens = response.Usage?.OutputTokens ?? outcome.OutputTokens,
        FinishReason = response.Status.Value,
    };
}
