using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// Source-generated System.Text.Json metadata for every API type (no reflection, trimming- and AOT-safe).
/// Use <c>MiladyCloudJsonContext.Default.Options</c> to serialize SDK types yourself.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // The API does not promise that "type" comes first in a polymorphic object.
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(IList<string>))]
[JsonSerializable(typeof(IList<ChatContentPart>))]
[JsonSerializable(typeof(IList<ContentBlock>))]
[JsonSerializable(typeof(ChatNamedToolChoice))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessageStreamEvent))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(ImageGenerationRequest))]
[JsonSerializable(typeof(ImageGenerationResponse))]
[JsonSerializable(typeof(VideoGenerationRequest))]
[JsonSerializable(typeof(VideoGenerationResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(ModelStatusRequest))]
[JsonSerializable(typeof(ModelStatusResponse))]
[JsonSerializable(typeof(DocumentedErrorBody))]
[JsonSerializable(typeof(LibraryErrorBody))]
[JsonSerializable(typeof(RateLimitErrorBody))]
[JsonSerializable(typeof(OpenAIErrorBody))]
[JsonSerializable(typeof(AnthropicErrorBody))]
[JsonSerializable(typeof(PlainErrorBody))]
[JsonSerializable(typeof(SuccessFlagErrorBody))]
// Subtypes of the discriminated unions: DiscriminatedJsonConverter resolves them through this context.
[JsonSerializable(typeof(ChatTextPart))]
[JsonSerializable(typeof(ChatImageUrlPart))]
[JsonSerializable(typeof(ChatFilePart))]
[JsonSerializable(typeof(AutoToolChoice))]
[JsonSerializable(typeof(AnyToolChoice))]
[JsonSerializable(typeof(NoneToolChoice))]
[JsonSerializable(typeof(SpecificToolChoice))]
[JsonSerializable(typeof(TextBlock))]
[JsonSerializable(typeof(ImageBlock))]
[JsonSerializable(typeof(ToolUseBlock))]
[JsonSerializable(typeof(ToolResultBlock))]
[JsonSerializable(typeof(ThinkingBlock))]
[JsonSerializable(typeof(RedactedThinkingBlock))]
[JsonSerializable(typeof(Base64ImageSource))]
[JsonSerializable(typeof(UrlImageSource))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(PingEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(TextDelta))]
[JsonSerializable(typeof(InputJsonDelta))]
[JsonSerializable(typeof(ThinkingDelta))]
[JsonSerializable(typeof(SignatureDelta))]
// Containers
[JsonSerializable(typeof(ContainerResponse))]
[JsonSerializable(typeof(ContainerListResponse))]
[JsonSerializable(typeof(CreateContainerRequest))]
[JsonSerializable(typeof(CreateContainerResponse))]
[JsonSerializable(typeof(UpdateContainerRequest))]
[JsonSerializable(typeof(UpdateContainerResponse))]
[JsonSerializable(typeof(DeleteContainerResponse))]
[JsonSerializable(typeof(ContainerHealthResponse))]
[JsonSerializable(typeof(ContainerLogStreamEvent))]
public partial class MiladyCloudJsonContext : JsonSerializerContext
{
}
