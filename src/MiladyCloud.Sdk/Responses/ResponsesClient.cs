using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Internal.Telemetry;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The OpenAI Responses-style API (<c>/responses</c>). Obtain it from <see cref="MiladyCloudClient.Responses"/>.
/// The service takes one of two paths per request: with <see cref="CreateResponseRequest.Instructions"/>, a bare
/// <c>gpt-5</c> model id or a tool other than a function it forwards the request to the provider's own Responses API
/// (typed items such as function calls and their outputs, reasoning, the provider's full event stream); otherwise it
/// translates the request to a chat completion and the answer back (tool calls then come chat-style in
/// <see cref="ResponseOutputMessage.ToolCalls"/>, and a streamed tool call is lost).
/// </summary>
public class ResponsesClient : CategoryClient
{
    private const string Path = "responses";

    /// <summary>For mocking frameworks.</summary>
    protected ResponsesClient()
    {
    }

    internal ResponsesClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Creates a response.</summary>
    /// <param name="request">The request; <c>stream</c> must not be true (use <see cref="StreamAsync(CreateResponseRequest, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; its text is <see cref="ModelResponse.OutputText"/>.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual Task<ModelResponse> CreateAsync(CreateResponseRequest request, CancellationToken cancellationToken = default)
    {
        ResponseRequestValidator.Validate(request);
        if (request.Stream == true)
        {
            throw new ArgumentException("stream is true: CreateAsync reads one JSON response; use StreamAsync for the event stream.", nameof(request));
        }

        var message = Pipeline.CreateJsonRequest(HttpMethod.Post, Path, request, MiladyCloudJsonContext.Default.CreateResponseRequest, SendFlags.ConsumesCredits);
        try
        {
            ResponseRequestValidator.CheckSize(message.Content!.Headers.ContentLength ?? 0);
        }
        catch
        {
            message.Dispose();
            throw;
        }

        return GenAiActivity.ObserveAsync(() => Pipeline.SendJsonAsync(message, MiladyCloudJsonContext.Default.ModelResponse, cancellationToken), ModelCall.Responses(request), Pipeline.Secrets);
    }

    /// <summary>Asks <paramref name="model"/> one question.</summary>
    /// <param name="model">The model id, such as <c>anthropic/claude-sonnet-4.6</c>.</param>
    /// <param name="input">The user's message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; its text is <see cref="ModelResponse.OutputText"/>.</returns>
    public virtual Task<ModelResponse> CreateAsync(string model, string input, CancellationToken cancellationToken = default)
        => CreateAsync(SingleTurn(model, input), cancellationToken);

    /// <summary>
    /// Streams a response; the request is sent when enumeration starts (<c>stream: true</c> is set for you). Events of a
    /// type this SDK does not know are skipped and counted in <see cref="ResponseStream.SkippedEventCount"/>.
    /// </summary>
    /// <param name="request">The request (not modified).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, as they arrive.</returns>
    /// <exception cref="ArgumentException">The request is invalid (checked before sending).</exception>
    public virtual ResponseStream StreamAsync(CreateResponseRequest request, CancellationToken cancellationToken = default)
    {
        ResponseRequestValidator.Validate(request);
        var body = StreamingBody.Serialize(request, MiladyCloudJsonContext.Default.CreateResponseRequest);
        ResponseRequestValidator.CheckSize(body.Length);
        var skipped = new SkippedEvents();
        return new ResponseStream(
            Pipeline.OpenStream(Path, body, new ResponseEventDecoder(skipped, Pipeline.Secrets), SendFlags.ConsumesCredits, StreamSpan.Responses(request.Model), cancellationToken),
            skipped);
    }

    /// <summary>Streams the answer of <paramref name="model"/> to one question.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="input">The user's message.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, as they arrive.</returns>
    public virtual ResponseStream StreamAsync(string model, string input, CancellationToken cancellationToken = default)
        => StreamAsync(SingleTurn(model, input), cancellationToken);

    private static CreateResponseRequest SingleTurn(string model, string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        return new CreateResponseRequest { Model = model, Input = input };
    }
}
