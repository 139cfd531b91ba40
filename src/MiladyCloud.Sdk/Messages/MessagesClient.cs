using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Anthropic-compatible messages (<c>/messages</c>). Obtain it from <see cref="MiladyCloudClient.Messages"/>.</summary>
public class MessagesClient : CategoryClient
{
    private const string Path = "messages";

    /// <summary>For mocking frameworks.</summary>
    protected MessagesClient()
    {
    }

    internal MessagesClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Creates a message.</summary>
    /// <param name="request">The request; <c>stream</c> is ignored (use <see cref="StreamAsync(MessageRequest, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual Task<Message> CreateAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        MessageRequestValidator.Validate(request);
        return Pipeline.SendModelCallAsync(Path, request, MiladyCloudJsonContext.Default.MessageRequest, MiladyCloudJsonContext.Default.Message, ModelCall.Messages(request), SendFlags.ConsumesCredits, cancellationToken);
    }

    /// <summary>Asks <paramref name="model"/> one question.</summary>
    /// <param name="model">The model id, such as <c>claude-sonnet-4-6</c>.</param>
    /// <param name="userMessage">The user's message.</param>
    /// <param name="maxTokens">The most tokens to generate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message.</returns>
    public virtual Task<Message> CreateAsync(string model, string userMessage, int maxTokens = 1024, CancellationToken cancellationToken = default)
        => CreateAsync(SingleTurn(model, userMessage, maxTokens), cancellationToken);

    /// <summary>Streams a message; the request is sent when enumeration starts (<c>stream: true</c> is set for you).</summary>
    /// <param name="request">The request (not modified).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, as they arrive, ending with <see cref="MessageStopEvent"/>.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual MessageStream StreamAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        MessageRequestValidator.Validate(request);
        return new MessageStream(
            Pipeline.OpenStream(Path, request, MiladyCloudJsonContext.Default.MessageRequest, new MessageEventDecoder(Pipeline.Secrets), SendFlags.ConsumesCredits, StreamSpan.Messages(request.Model), cancellationToken),
            Pipeline.Secrets);
    }

    /// <summary>Streams the answer of <paramref name="model"/> to one question.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="userMessage">The user's message.</param>
    /// <param name="maxTokens">The most tokens to generate.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, as they arrive.</returns>
    public virtual MessageStream StreamAsync(string model, string userMessage, int maxTokens = 1024, CancellationToken cancellationToken = default)
        => StreamAsync(SingleTurn(model, userMessage, maxTokens), cancellationToken);

    /// <summary>
    /// This client as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IChatClient"/>: the service runs tools
    /// here (unlike on <c>/chat/completions</c>), so this is the chat client for <c>ChatClientBuilder.UseFunctionInvocation()</c>.
    /// System messages and <c>ChatOptions.Instructions</c> become the system prompt; function calls and results become
    /// <c>tool_use</c> and <c>tool_result</c> blocks; usage, stop reasons and streaming map back. Content or options the
    /// service would ignore (such as <c>Seed</c>, a response format or a hosted tool) are refused with
    /// <see cref="NotSupportedException"/> before anything is sent; <c>ChatMessage.AuthorName</c> has no place in the
    /// request and is not sent.
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ChatOptions.ModelId</c> is not set, such as <c>claude-sonnet-4-6</c>.</param>
    /// <param name="defaultMaxTokens">
    /// The most tokens to generate when <c>ChatOptions.MaxOutputTokens</c> is not set (the service requires a limit);
    /// <see langword="null"/> for 1024, the default of <see cref="CreateAsync(string, string, int, CancellationToken)"/>.
    /// </param>
    /// <returns>The chat client; disposing it leaves this client usable.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultModel"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultMaxTokens"/> is less than 1.</exception>
    public virtual Microsoft.Extensions.AI.IChatClient AsChatClient(string defaultModel, int? defaultMaxTokens = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        if (defaultMaxTokens is { } maxTokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1, nameof(defaultMaxTokens));
        }

        return new Internal.AI.MiladyCloudMessagesChatClientAdapter(this, Pipeline.Options.BaseUrl, Pipeline.TimeProvider, defaultModel, defaultMaxTokens);
    }

    private static MessageRequest SingleTurn(string model, string userMessage, int maxTokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userMessage);
        return new MessageRequest { Model = model, MaxTokens = maxTokens, Messages = [new MessageParam { Role = MessageRole.User, Content = userMessage }] };
    }
}
