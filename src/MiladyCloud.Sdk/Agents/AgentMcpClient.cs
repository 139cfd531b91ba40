using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// The MCP servers a character may call (<c>/api/characters/{id}/mcps</c>, outside <c>/api/v1</c>). The character's
/// creator and any member of its organization may read or change them. Obtain it from <see cref="AgentsClient.Mcp"/>.
/// </summary>
public class AgentMcpClient : CategoryClient
{

    /// <summary>For mocking frameworks.</summary>
    protected AgentMcpClient()
    {
    }

    internal AgentMcpClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets a character's MCP settings.</summary>
    /// <param name="characterId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The servers (with full URLs) and which are enabled.</returns>
    /// <exception cref="ArgumentException"><paramref name="characterId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual Task<AgentMcpConfiguration> GetAsync(string characterId, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(McpPath(characterId), MiladyCloudJsonContext.Default.AgentMcpConfiguration, cancellationToken, SendFlags.SiteRoot);

    /// <summary>Replaces all MCP settings of a character.</summary>
    /// <param name="characterId">The character id.</param>
    /// <param name="settings">The new settings: at most 50 servers, ids 1–100 characters, URLs up to 2048 characters, timeouts 0–300000 ms, retries 0–10.</param>
    /// <param name="enablePlugin">Whether to enable the MCP plugin; the server's default is <see langword="true"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the servers configured now.</returns>
    /// <exception cref="ArgumentException">A setting breaks a documented limit, or <paramref name="characterId"/> is not a UUID.</exception>
    public virtual async Task<IReadOnlyList<string>> ReplaceAsync(string characterId, AgentMcpSettings settings, bool? enablePlugin = null, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.McpSettings(settings);
        var body = new ReplaceAgentMcpSettingsRequest { McpSettings = settings, EnablePlugin = enablePlugin };
        return EnabledServers(await Pipeline.SendJsonAsync(HttpMethod.Put, McpPath(characterId), body, MiladyCloudJsonContext.Default.ReplaceAgentMcpSettingsRequest, MiladyCloudJsonContext.Default.AgentMcpUpdateResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false));
    }

    /// <summary>Adds one MCP server to a character, or replaces the server with the same id.</summary>
    /// <param name="characterId">The character id.</param>
    /// <param name="serverId">The server id, 1–100 characters.</param>
    /// <param name="server">The server.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the servers configured now.</returns>
    /// <exception cref="ArgumentException">The id or the server breaks a documented limit, or <paramref name="characterId"/> is not a UUID.</exception>
    public virtual async Task<IReadOnlyList<string>> AddServerAsync(string characterId, string serverId, AgentMcpServer server, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.McpServer(serverId, server);
        var body = new AddAgentMcpServerRequest { ServerId = serverId, ServerConfig = server };
        return EnabledServers(await Pipeline.SendJsonAsync(HttpMethod.Post, McpPath(characterId), body, MiladyCloudJsonContext.Default.AddAgentMcpServerRequest, MiladyCloudJsonContext.Default.AgentMcpUpdateResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false));
    }

    /// <summary>Removes one MCP server from a character.</summary>
    /// <param name="characterId">The character id.</param>
    /// <param name="serverId">The server id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The ids of the servers configured now; empty when the stored settings were unreadable (the server then changes
    /// nothing and, like <see cref="GetAsync"/>, treats them as no servers).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="serverId"/> is empty, or <paramref name="characterId"/> is not a UUID.</exception>
    public virtual async Task<IReadOnlyList<string>> RemoveServerAsync(string characterId, string serverId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverId);
        var path = new QueryString().Add("serverId", serverId).AppendTo(McpPath(characterId));
        return EnabledServers(await Pipeline.SendJsonAsync(HttpMethod.Delete, path, MiladyCloudJsonContext.Default.AgentMcpUpdateResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false));
    }

    // The answer to unreadable stored settings has no list: there are no usable servers then.
    private static IReadOnlyList<string> EnabledServers(AgentMcpUpdateResponse response) => response.EnabledServers?.ToList() ?? [];

    private static string McpPath(string characterId) => "api/characters/" + RequestPath.UuidSegment(characterId, nameof(characterId)) + "/mcps";
}
