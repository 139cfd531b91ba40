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
