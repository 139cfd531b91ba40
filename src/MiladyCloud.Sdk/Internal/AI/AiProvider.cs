namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>How the SDK names the service to Microsoft.Extensions.AI and to OpenTelemetry (<c>gen_ai.provider.name</c>).</summary>
internal static class AiProvider
{
    public const string Name = "elizaos.cloud";
}
