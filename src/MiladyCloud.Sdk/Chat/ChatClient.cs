using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.AI;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>OpenAI-compatible chat completions (<c>/chat/completions</c>). Obtain it from <see cref="MiladyCloudClient.Chat"/>.</summary>
public class ChatClient : CategoryClient
{
    private const string Path = "chat/completions";

    /// <summary>For mocking frameworks.</summary>
    protected ChatClient()
    {
    }

    internal ChatClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Creates a chat completion.</summary>
    /// <param name="request">The request; <c>stream</c> is ignored (use <see cref="StreamAsync(ChatCompletionRequest, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completion.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual async Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatRequestValidator.Validate(request);
        using var message = Pipeline.CreateJsonRequest(HttpMethod.Post, Path, request, MiladyCloudJsonContext.Default.ChatCompletionRequest)
            .MarkCreditConsuming();
        using var activity = GenAiActivity.Start("chat", request.Model, request.Temperature, request.MaxTokens, request.TopP);
        try
        {
            var completion = await Pipeline.SendJsonAsync(message, MiladyCloudJsonContext.Default.ChatCompletion, cancellationToken).ConfigureAwait(false);
            var finish = completion.Choices.Count > 0 ? completion.Choices[0].FinishReason.Value : null;
            GenAiActivity.Complete(activity, "chat", request.Model, new(completion.Id, completion.Model, completion.Usage?.PromptTokens, completion.Usage?.CompletionTokens, finish), Pipeline.Options);
            return completion;
        }
        catch (Exception ex)
        {
            GenAiActivity.Fail(activity, ex);
            throw;
        }
    }

    /// <summary>Asks <paramref name="model"/> one question.</summary>
    /// <param name="model">The model id, such as <c>openai/gpt-5.4</c>.</param>
    /// <param name="userMessage">The user's message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completion; its text is <c>Choices[0].Message.Content</c>.</returns>
    public virtual Task<ChatCompletion> CreateAsync(string model, string userMessage, CancellationToken cancellationToken = default)
        => CreateAsync(SingleTurn(model, userMessage), cancellationToken);

    /// <summary>Streams a chat completion; the request is sent when enumeration starts (<c>stream: true</c> is set for you).</summary>
    /// <param name="request">The request (not modified).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The chunks, as they arrive.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual ChatCompletionStream StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatRequestValidator.Validate(request);
        var pipeline = Pipeline;
        return new ChatCompletionStream((onResponse, enumeratorToken) =>
        {
            var message = pipeline.CreateRequest(HttpMethod.Post, Path).MarkCreditConsuming().MarkStream();
            StreamingBody.Apply(message, request, MiladyCloudJsonContext.Default.ChatCompletionRequest);
            var token = StreamLifetime.Link(cancellationToken, enumeratorToken, out var linked);
            var chunks = EventStreamReader.ReadAsync(pipeline, message, new ChatChunkDecoder(pipeline.Options.ApiKey, pipeline.Options.SessionToken), onResponse, linked, token);
            return ObservedStream.Wrap(chunks, "chat", request.Model, GenAiFolds.Chat, pipeline.Options);
        });
    }

    /// <summary>Streams the answer of <paramref name="model"/> to one question.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="userMessage">The user's message.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The chunks, as they arrive.</returns>
    public virtual ChatCompletionStream StreamAsync(string model, string userMessage, CancellationToken cancellationToken = default)
        => StreamAsync(SingleTurn(model, userMessage), cancellationToken);

    /// <summary>
    /// This client as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IChatClient"/>: messages, options,
    /// usage and finish reasons mapped both ways, streaming included. The service never forwards tools on
    /// <c>/chat/completions</c> and answers 500 to tool results, so a history with tool calls or results is refused
    /// before sending: for tools use <see cref="MessagesClient.AsChatClient(string, int?)"/>.
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ChatOptions.ModelId</c> is not set, such as <c>openai/gpt-5.4</c>.</param>
    /// <returns>The chat client; disposing it leaves this client usable.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultModel"/> is empty or white space.</exception>
    public virtual Microsoft.Extensions.AI.IChatClient AsChatClient(string? defaultModel = null)
    {
        if (defaultModel is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        }

        return new MiladyCloudChatClientAdapter(this, Pipeline.Options.BaseUrl, defaultModel);
    }

    private static ChatCompletionRequest SingleTurn(string model, string userMessage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userMessage);
        return new ChatCompletionRequest { Model = model, Messages = [new ChatMessage { Role = ChatRole.User, Content = userMessage }] };
    }
}
