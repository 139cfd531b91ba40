using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Public agents of other users that the caller has chatted with ("saved" agents, <c>/api/my-agents/saved</c>).
/// Obtain it from <see cref="AgentsClient.Saved"/>.
/// </summary>
public class SavedAgentsClient : CategoryClient
{
    private const string Saved = "api/my-agents/saved";

    /// <summary>For mocking frameworks.</summary>
    protected SavedAgentsClient()
    {
    }

    internal SavedAgentsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Lists the saved agents, the most recent conversation first. <see cref="SavedAgent.LastInteractionTime"/> is the
    /// database's own text (<c>2026-04-27 12:34:56.789123</c>, UTC, no offset), not ISO-8601.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents and their number.</returns>
    public virtual async Task<SavedAgentList> ListAsync(CancellationToken cancellationToken = default)
    {
        return (await Pipeline.GetJsonAsync(Saved, MiladyCloudJsonContext.Default.SavedAgentListResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false)).Data;
    }

    /// <summary>Gets one saved agent with the caller's conversation statistics.</summary>
    /// <param name="agentId">The agent's character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent, statistics and what removing it would delete.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<SavedAgentDetail> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        return (await Pipeline.GetJsonAsync(SavedPath(agentId), MiladyCloudJsonContext.Default.SavedAgentDetailResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false)).Data;
    }

    /// <summary>Removes a saved agent and permanently deletes the caller's conversation history with it.</summary>
    /// <param name="agentId">The agent's character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The confirmation and what was deleted.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<RemovedSavedAgent> RemoveAsync(string agentId, CancellationToken cancellationToken = default)
    {
        return (await Pipeline.SendJsonAsync(HttpMethod.Delete, SavedPath(agentId), MiladyCloudJsonContext.Default.RemoveSavedAgentResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false)).Data;
    }

    private static string SavedPath(string agentId) => Saved + "/" + RequestPath.UuidSegment(agentId, nameof(agentId));
}
