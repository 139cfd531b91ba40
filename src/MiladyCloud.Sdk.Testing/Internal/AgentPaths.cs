namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Where the agent routes live.</summary>
internal static class AgentPaths
{
    public const string MyAgents = "/api/my-agents/characters";
    public const string Saved = "/api/my-agents/saved";
    public const string Characters = "/api/characters";
    public const string V1Agents = "/api/v1/agents";
}
