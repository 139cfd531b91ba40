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
    public virtual Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ChatRequestValidator.Validate(request);
        return Pipeline.SendModelCallAsync(Path, request, MiladyCloudJsonContext.Default.ChatCompletionRequest, MiladyCloudJsonContext.Default.ChatCompletion, ModelCall.Chat(request), SendFlags.ConsumesCredits, cancellationToken);
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
        return new ChatCompletionStream(Pipeline.OpenStream(
            Path, request, MiladyCloudJsonContext.Default.ChatCompletionRequest, new ChatChunkDecoder(Pipeline.Secrets), SendFlags.ConsumesCredits, StreamSpan.Chat(request.Model), cancellationToken));
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
