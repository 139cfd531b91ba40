using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

// Chat completions billed through an app.
public partial class AppsClient
{
    private const SendFlags AppChat = SendFlags.ConsumesCredits | SendFlags.ServiceUnavailableIsFinal;

    /// <summary>
    /// Creates a chat completion billed through an app: the caller pays the base cost plus the app's markup when it is
    /// monetized, and the markup goes to the app's creator. The request is forwarded to the model unchanged, so tools
    /// and response formats reach it. Any organization may call a monetized app; others only from their own.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="request">An OpenAI-style request (model and at least one message); <c>stream</c> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completion as the model's provider sent it.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    /// <exception cref="MiladyCloudInsufficientCreditsException">The caller's organization credits do not cover the reservation (1.5 times the estimate).</exception>
    /// <exception cref="MiladyCloudServiceUnavailableException">
    /// The model provider call failed (the credits are refunded). This route answers 503 for every upstream failure,
    /// requests the provider rejected included (an unknown model or parameter, an invalid tool schema), so it is not
    /// retried automatically; repeat it yourself if you know the cause was passing.
    /// </exception>
    public virtual Task<ChatCompletion> CreateChatCompletionAsync(string appId, ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "chat");
        ChatRequestValidator.Validate(request);
        return Pipeline.SendModelCallAsync(path, request, MiladyCloudJsonContext.Default.ChatCompletionRequest, MiladyCloudJsonContext.Default.ChatCompletion, ModelCall.Chat(request), AppChat, cancellationToken);
    }

    /// <summary>
    /// Streams a chat completion billed through an app; the request is sent when enumeration starts (<c>stream: true</c>
    /// is set for you). A failure after the first chunk (the server refunds the credits) arrives as a typed exception.
    /// A 503 before the first chunk is not retried automatically (see <see cref="CreateChatCompletionAsync"/>).
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="request">An OpenAI-style request (not modified).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The chunks, as they arrive.</returns>
    /// <exception cref="ArgumentException">The app id or the request is invalid (checked before sending).</exception>
    public virtual ChatCompletionStream StreamChatCompletionAsync(string appId, ChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "chat");
        ChatRequestValidator.Validate(request);
        return new ChatCompletionStream(Pipeline.OpenStream(
            path, request, MiladyCloudJsonContext.Default.ChatCompletionRequest, new ChatChunkDecoder(Pipeline.Secrets), AppChat, StreamSpan.Chat(request.Model), cancellationToken));
    }
}
