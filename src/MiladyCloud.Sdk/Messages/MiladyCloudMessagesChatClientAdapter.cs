using System.Runtime.CompilerServices;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>
/// <see cref="Ai.IChatClient"/> over Anthropic-style messages, with the SDK's auth, retries, errors and telemetry. Unlike
/// chat completions, the service runs tools on <c>/messages</c>, so this is the adapter for function invocation.
/// </summary>
internal sealed class MiladyCloudMessagesChatClientAdapter : Ai.IChatClient
{
    private readonly MessagesClient _messages;
    private readonly string _defaultModel;
    private readonly int? _defaultMaxTokens;
    private readonly TimeProvider _clock;
    private readonly Ai.ChatClientMetadata _metadata;

    public MiladyCloudMessagesChatClientAdapter(MessagesClient messages, Uri? endpoint, TimeProvider clock, string defaultModel, int? defaultMaxTokens)
    {
        _messages = messages;
        _clock = clock;
        _defaultModel = defaultModel;
        _defaultMaxTokens = defaultMaxTokens;
        _metadata = new Ai.ChatClientMetadata(AiProvider.Name, endpoint, defaultModel);
    }

    public async Task<Ai.ChatResponse> GetResponseAsync(IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = MessageOptionsMapping.ToRequest(this, messages, options, _defaultModel, _defaultMaxTokens);
        var message = await _messages.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return MessageResponseMapping.ToResponse(message, _clock.GetUtcNow());
    }

    public async IAsyncEnumerable<Ai.ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Mapped (and refused) on the first MoveNextAsync, before anything is sent.
        var request = MessageOptionsMapping.ToRequest(this, messages, options, _defaultModel, _defaultMaxTokens);
        var mapper = new MessageStreamUpdateMapper(_clock);
        await foreach (var streamEvent in _messages.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            // Events already read into the buffer would otherwise still be yielded after the caller cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            yield return mapper.Map(streamEvent);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_messages) ? _messages
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The MessagesClient belongs to its MiladyCloudClient, which owns the connection pool.
    }
}
