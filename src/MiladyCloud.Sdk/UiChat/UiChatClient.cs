using System.Text.Json;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The chat route of the service's web app (<c>POST /api/v1/chat</c>): a model tier instead of a model, messages in
/// OpenAI form or as Vercel AI SDK UI messages, and the answer always streamed as a UI message stream. Obtain it from
/// <see cref="MiladyCloudClient.UiChat"/>. For the full OpenAI-compatible API (models, temperature, tools) use
/// <see cref="MiladyCloudClient.Chat"/>; this route adds its own system prompt and takes no settings.
/// </summary>
/// <remarks>
/// The answer is billed to the organization's credits. A call without valid credentials is not refused at once: the
/// server falls back to an anonymous session cookie (free messages, then 429), and answers 401 without one. The route
/// is rate limited by the STANDARD preset (60 requests per 60 seconds).
/// </remarks>
public class UiChatClient : CategoryClient
{
    private const string Path = "chat";

    // The route's only 503 is "AI services are not configured on this deployment": permanent, never worth a retry.
    private const SendFlags Send = SendFlags.ConsumesCredits | SendFlags.ServiceUnavailableIsFinal;

    /// <summary>For mocking frameworks.</summary>
    protected UiChatClient()
    {
    }

    internal UiChatClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Streams the answer; the request is sent when enumeration starts. Parts of a kind this SDK does not know are
    /// skipped and counted in <see cref="UiChatStream.SkippedPartCount"/>; an <c>error</c> part is raised as a
    /// <see cref="MiladyCloudApiException"/>, and a stream that stops before <c>[DONE]</c> as a
    /// <see cref="MiladyCloudStreamIncompleteException"/>.
    /// </summary>
    /// <param name="request">The conversation and tier (not modified).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The parts, as they arrive.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual UiChatStream StreamAsync(UiChatRequest request, CancellationToken cancellationToken = default)
    {
        UiChatRequestValidator.Validate(request);
        // The route streams whatever the body says; it reads no "stream" member, so none is added.
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MiladyCloudJsonContext.Default.UiChatRequest);
        var skipped = new SkippedEvents();
        return new UiChatStream(Pipeline.OpenStream(Path, body, new UiChatPartDecoder(skipped, Pipeline.Secrets), Send, StreamSpan.UiChat(request), cancellationToken), skipped);
    }

    /// <summary>Streams the answer to one question.</summary>
    /// <param name="prompt">The user's message.</param>
    /// <param name="tier">The model tier; the server's default (<see cref="UiChatTier.Pro"/>) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The parts, as they arrive.</returns>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty or white space.</exception>
    public virtual UiChatStream StreamAsync(string prompt, UiChatTier? tier = null, CancellationToken cancellationToken = default)
        => StreamAsync(SingleTurn(prompt, tier), cancellationToken);

    /// <summary>Reads the whole answer: the streamed parts added up (text, reasoning, finish reason, counts).</summary>
    /// <param name="request">The conversation and tier (not modified).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual Task<UiChatResult> CreateAsync(UiChatRequest request, CancellationToken cancellationToken = default)
        => StreamAsync(request, cancellationToken).ToResultAsync(cancellationToken);

    /// <summary>Asks one question and reads the whole answer.</summary>
    /// <param name="prompt">The user's message.</param>
    /// <param name="tier">The model tier; the server's default (<see cref="UiChatTier.Pro"/>) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; its text is <see cref="UiChatResult.Text"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty or white space.</exception>
    public virtual Task<UiChatResult> CreateAsync(string prompt, UiChatTier? tier = null, CancellationToken cancellationToken = default)
        => CreateAsync(SingleTurn(prompt, tier), cancellationToken);

    private static UiChatRequest SingleTurn(string prompt, UiChatTier? tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        return new UiChatRequest { Messages = [new UiChatMessage { Role = UiChatRole.User, Content = prompt }], Tier = tier };
    }
}
