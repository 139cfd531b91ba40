using System.Runtime.CompilerServices;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary><see cref="Ai.IChatClient"/> over chat completions, with the SDK's auth, retries, errors and telemetry.</summary>
internal sealed class MiladyCloudChatClientAdapter : Ai.IChatClient
{
    private readonly ChatClient _chat;
    private readonly string? _defaultModel;
    private readonly Ai.ChatClientMetadata _metadata;

    public MiladyCloudChatClientAdapter(ChatClient chat, Uri? endpoint, string? defaultModel)
    {
        _chat = chat;
        _defaultModel = defaultModel;
        _metadata = new Ai.ChatClientMetadata(AiProvider.Name, endpoint, defaultModel);
    }

    public async Task<Ai.ChatResponse> GetResponseAsync(IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ChatOptionsMapping.ToRequest(this, messages, options, _defaultModel);
        var completion = await _chat.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapping.ToResponse(completion);
    }

    public async IAsyncEnumerable<Ai.ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Ai.ChatMessage> messages, Ai.ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ChatOptionsMapping.ToRequest(this, messages, options, _defaultModel);
        var mapper = new StreamingUpdateMapper();
        await foreach (var chunk in _chat.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return mapper.Map(chunk);
        }

        if (mapper.Flush() is { } last)
        {
            yield return last;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_chat) ? _chat
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The ChatClient belongs to its MiladyCloudClient, which owns the connection pool.
    }
}
