using System.Text.Json;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Agents (characters): the caller's own, creation, publishing, monetization, sharing and lookups. Some of these routes
/// live outside <c>/api/v1</c>; the client reaches them from the same configuration
/// (<see cref="MiladyCloudClientOptions.SiteUrl"/>). Obtain it from <see cref="MiladyCloudClient.Agents"/>.
/// </summary>
/// <remarks>
/// The server has no route to edit a character's name, bio or prompt with an API key; what can change is the share
/// status, the monetization settings and the MCP settings (<see cref="Mcp"/>).
/// </remarks>
public class AgentsClient : CategoryClient
{
    private const string MyAgents = "api/my-agents/characters";
    private readonly Lazy<SavedAgentsClient>? _saved;
    private readonly Lazy<AgentMcpClient>? _mcp;

    /// <summary>For mocking frameworks.</summary>
    protected AgentsClient()
    {
    }

    internal AgentsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
        _saved = new(() => new SavedAgentsClient(pipeline));
        _mcp = new(() => new AgentMcpClient(pipeline));
    }

    /// <summary>Public agents of other users the caller has chatted with.</summary>
    public virtual SavedAgentsClient Saved => _saved?.Value ?? throw NoPipeline();

    /// <summary>The MCP servers a character may call.</summary>
    public virtual AgentMcpClient Mcp => _mcp?.Value ?? throw NoPipeline();

    /// <summary>
    /// Lists one page of the caller's characters (those the caller created, plus characters of other users the caller
    /// has chatted with), with optional search, filter and sort.
    /// </summary>
    /// <param name="options">Search, filter, sort and paging; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and its paging information.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size outside 1–1000.</exception>
    public virtual async Task<AgentList> ListAsync(AgentListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.ListOptions(options);
        var response = await Pipeline.GetJsonAsync(ListPath(options, options?.Page), MiladyCloudJsonContext.Default.AgentListResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>
    /// Enumerates every matching character, fetching pages lazily as you iterate (from <see cref="AgentListOptions.Page"/>,
    /// default 1) and stopping after the last page.
    /// </summary>
    /// <param name="options">Search, filter, sort, first page and page size.</param>
    /// <param name="cancellationToken">Cancels the walk, also between pages.</param>
    /// <returns>The characters, in the requested order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size outside 1–1000 (thrown at once).</exception>
    public virtual IAsyncEnumerable<AgentSummary> ListAllAsync(AgentListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.ListOptions(options);
        return Pager.ByPageNumberAsync(
            options?.Page ?? 1,
            async (page, ct) =>
            {
                return (await Pipeline.GetJsonAsync(ListPath(options, page), MiladyCloudJsonContext.Default.AgentListResponse, ct, SendFlags.SiteRoot).ConfigureAwait(false)).Data;
            },
            list => list.Characters,
            list => list.Pagination.HasMore,
            cancellationToken);
    }

    /// <summary>Gets one of the caller's characters as the full stored record.</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The character.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentCharacter> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var response = await Pipeline.GetJsonAsync(MyAgentPath(agentId), MiladyCloudJsonContext.Default.MyAgentResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data.Character;
    }

    /// <summary>Gets any character of the caller's organization (not only the caller's own) as the full stored record.</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The character.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentCharacter> GetFromOrganizationAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var response = await Pipeline.GetJsonAsync(AgentPath(agentId), MiladyCloudJsonContext.Default.OrganizationAgentResponse, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>Creates a character, optionally linked to an on-chain token (one agent per token).</summary>
    /// <param name="request">The name (at most 100 characters as sent, not blank once trimmed) and optional bio and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new agent.</returns>
    /// <exception cref="ArgumentException">The name or a token field breaks its length limit.</exception>
    public virtual async Task<CreatedAgent> CreateAsync(CreateAgentRequest request, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.Create(request);
        // Not idempotent: a repeat after a timeout or a 5xx could create a second agent, so only failures that certainly
        // did nothing are retried (the rules of credit-consuming calls).
        var response = await Pipeline.SendJsonAsync(HttpMethod.Post, "app/agents", request, MiladyCloudJsonContext.Default.CreateAgentRequest, MiladyCloudJsonContext.Default.CreateAgentResponse, cancellationToken, SendFlags.ConsumesCredits).ConfigureAwait(false);
        return response.Agent;
    }

    /// <summary>Deletes one of the caller's characters.</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the character is deleted.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task DeleteAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await Pipeline.SendJsonAsync(HttpMethod.Delete, MyAgentPath(agentId), MiladyCloudJsonContext.Default.AgentDeleteResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies a character (prompt, bio, knowledge, plugins, style, settings, avatar, tags) into a new character of the
    /// caller. Each call makes another copy, so after an ambiguous failure (a timeout or a 500) it is never repeated
    /// automatically.
    /// </summary>
    /// <param name="agentId">The character to copy.</param>
    /// <param name="request">Name, username and visibility of the copy; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="agentId"/> is not a UUID, or the username breaks the server's rules: after trimming and lower-casing,
    /// 3-30 characters of letters, digits and single inner hyphens, and not a reserved name.
    /// </exception>
    /// <exception cref="MiladyCloudInvalidRequestException">The username is taken (400). The server picks this route's status from the error text, so any failure that mentions a username is a 400.</exception>
    /// <exception cref="MiladyCloudNotFoundException">The character does not exist (404); also an account the server cannot find (<c>User not found</c>).</exception>
    public virtual async Task<AgentCharacter> CloneAsync(string agentId, CloneAgentRequest? request = null, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.Clone(request);
        var response = await Pipeline.SendJsonAsync(HttpMethod.Post, MyAgentPath(agentId) + "/clone", request ?? new CloneAgentRequest(), MiladyCloudJsonContext.Default.CloneAgentRequest, MiladyCloudJsonContext.Default.CloneAgentResponse, cancellationToken, SendFlags.NotIdempotent | SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data.Character;
    }

    /// <summary>Gets a character's view, interaction and message counters (currently always zero on the server).</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counters.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentStats> GetStatsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var response = await Pipeline.GetJsonAsync(MyAgentPath(agentId) + "/stats", MiladyCloudJsonContext.Default.AgentStatsResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data.Stats;
    }

    /// <summary>Gets whether a character is public and its share links.</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The share status.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentShareStatus> GetShareStatusAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var response = await Pipeline.GetJsonAsync(MyAgentPath(agentId) + "/share", MiladyCloudJsonContext.Default.AgentShareStatusResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>Makes a character public or private.</summary>
    /// <param name="agentId">The character id.</param>
    /// <param name="isPublic"><see langword="true"/> to share it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new status and links.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentShareUpdate> SetShareStatusAsync(string agentId, bool isPublic, CancellationToken cancellationToken = default)
    {
        var body = new SetAgentShareStatusRequest { IsPublic = isPublic };
        var response = await Pipeline.SendJsonAsync(HttpMethod.Put, MyAgentPath(agentId) + "/share", body, MiladyCloudJsonContext.Default.SetAgentShareStatusRequest, MiladyCloudJsonContext.Default.SetAgentShareStatusResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>Makes an agent public, applying the optional monetization and protocol settings. Only the creator may publish.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="request">Monetization and protocol settings; server defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The agent's public state and its A2A and MCP endpoint URLs. When the agent was public already the server applies
    /// none of <paramref name="request"/>'s settings and answers without them: <see cref="PublishedAgent.MonetizationEnabled"/>,
    /// <see cref="PublishedAgent.MarkupPercentage"/>, <see cref="PublishedAgent.A2aEnabled"/> and <see cref="PublishedAgent.McpEnabled"/>
    /// are <see langword="null"/> then.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The markup is outside 0–1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<PublishedAgent> PublishAsync(string agentId, PublishAgentRequest? request = null, CancellationToken cancellationToken = default)
    {
        AgentRequestChecks.Markup(request?.MarkupPercentage);
        var response = await Pipeline.SendJsonAsync(HttpMethod.Post, AgentPath(agentId) + "/publish", request ?? new PublishAgentRequest(), MiladyCloudJsonContext.Default.PublishAgentRequest, MiladyCloudJsonContext.Default.AgentPublishResponse, cancellationToken).ConfigureAwait(false);
        return response.Agent;
    }

    /// <summary>Makes an agent private and switches its monetization off.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the agent is private (the server's answer holds nothing else).</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task UnpublishAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await Pipeline.SendJsonAsync(HttpMethod.Delete, AgentPath(agentId) + "/publish", MiladyCloudJsonContext.Default.AgentPublishResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets an agent's monetization settings and earnings.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<AgentMonetization> GetMonetizationAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var response = await Pipeline.GetJsonAsync(AgentPath(agentId) + "/monetization", MiladyCloudJsonContext.Default.AgentMonetizationResponse, cancellationToken).ConfigureAwait(false);
        return response.Monetization;
    }

    /// <summary>
    /// Changes an agent's monetization settings; members left <see langword="null"/> keep their value. Only the creator
    /// may change them, and only while the agent is public (<see cref="PublishAsync"/> first): the server refuses any
    /// change to a private agent, even switching monetization off.
    /// </summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The markup is outside 0–1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    /// <exception cref="MiladyCloudInvalidRequestException">
    /// The server refused the change, always with 400 (never 404 or 403): <c>Agent not found</c>, <c>Not authorized to
    /// update this agent</c> or <c>Agent must be public to enable monetization</c>; or the body failed validation.
    /// </exception>
    public virtual async Task<AgentMonetization> UpdateMonetizationAsync(string agentId, UpdateAgentMonetizationRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        AgentRequestChecks.Markup(changes.MarkupPercentage);
        var response = await Pipeline.SendJsonAsync(HttpMethod.Put, AgentPath(agentId) + "/monetization", changes, MiladyCloudJsonContext.Default.UpdateAgentMonetizationRequest, MiladyCloudJsonContext.Default.AgentMonetizationResponse, cancellationToken).ConfigureAwait(false);
        return response.Monetization;
    }

    /// <summary>Finds the public agent linked to an on-chain token.</summary>
    /// <param name="tokenAddress">The token contract address (at most 256 characters).</param>
    /// <param name="chain">The chain (at most 50 characters), or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="ArgumentException">The address is empty or too long, or the chain too long.</exception>
    public virtual async Task<TokenAgent> GetByTokenAsync(string tokenAddress, string? chain = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenAddress);
        if (tokenAddress.Length > 256 || chain?.Length > 50)
        {
            throw new ArgumentException("The token address may have at most 256 characters and the chain at most 50.", tokenAddress.Length > 256 ? nameof(tokenAddress) : nameof(chain));
        }

        var path = new QueryString().Add("address", tokenAddress).Add("chain", chain).AppendTo("agents/by-token");
        var response = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.TokenAgentResponse, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>
    /// Gets the public profile of a character (no account needed for public characters). The server recognises the owner
    /// of a private character by the browser session cookie only, never by an API key: with a key, a private character
    /// answers 404 <c>Character not available</c> even to its owner.
    /// </summary>
    /// <param name="characterId">The character id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException"><paramref name="characterId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<PublicCharacter> GetPublicAsync(string characterId, CancellationToken cancellationToken = default)
    {
        var path = "api/characters/" + RequestPath.UuidSegment(characterId, nameof(characterId)) + "/public";
        var response = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.PublicCharacterResponse, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>
    /// Calls a route of the n8n-workflow plugin inside an agent runtime. The plugin, not this API, defines the route's
    /// query, body, response and status, so they are raw JSON here and any status outside 200-299 is an exception.
    /// POST, PUT and DELETE may change workflows, so after an ambiguous failure (a timeout or a 500) they are never
    /// repeated automatically; GET is.
    /// </summary>
    /// <remarks>
    /// The server at the version this SDK was checked against (elizaOS/cloud 60bc09e7) looks plugin routes up under
    /// <c>/n8n-workflow/</c> while it registers them under the plugin's own name, so every call answers 404
    /// <c>No route found</c> (<see cref="MiladyCloudNotFoundException"/>). An unknown agent fails while its runtime is built: a 500
    /// whose body is not JSON.
    /// </remarks>
    /// <param name="agentId">The agent id.</param>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="route">The plugin route below <c>/n8n-workflow/</c>, such as <c>workflows/123</c>; slashes are kept, other characters escaped.</param>
    /// <param name="body">A JSON body for POST and PUT, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plugin's JSON response.</returns>
    /// <exception cref="ArgumentException">The method is not supported, <paramref name="agentId"/> is not a UUID, the route has an empty, <c>.</c> or <c>..</c> part, or a body is given for GET or DELETE.</exception>
    public virtual Task<JsonElement> InvokeN8nRouteAsync(string agentId, HttpMethod method, string route, JsonElement? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var takesBody = method == HttpMethod.Post || method == HttpMethod.Put;
        if (!takesBody && method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            throw new ArgumentException($"The n8n routes accept GET, POST, PUT and DELETE, not {method}.", nameof(method));
        }

        if (body is not null && !takesBody)
        {
            throw new ArgumentException($"A {method} request to an n8n route carries no body.", nameof(body));
        }

        var path = AgentPath(agentId) + "/n8n/" + RequestPath.SlashedSegments(route, nameof(route));
        var send = method == HttpMethod.Get ? SendFlags.None : SendFlags.NotIdempotent;
        return body is { } json
            ? Pipeline.SendJsonAsync(method, path, json, MiladyCloudJsonContext.Default.JsonElement, MiladyCloudJsonContext.Default.JsonElement, cancellationToken, send)
            : Pipeline.SendJsonAsync(method, path, MiladyCloudJsonContext.Default.JsonElement, cancellationToken, send);
    }

    private static string MyAgentPath(string agentId) => MyAgents + "/" + RequestPath.UuidSegment(agentId, nameof(agentId));

    private static string AgentPath(string agentId) => "agents/" + RequestPath.UuidSegment(agentId, nameof(agentId));

    private static string ListPath(AgentListOptions? options, int? page)
        => new QueryString()
            .Add("search", options?.Search)
            .Add("category", options?.Category)
            .Add("sortBy", options?.SortBy?.Value)
            .Add("order", options?.Order?.Value)
            .Add("page", page)
            .Add("limit", options?.Limit)
            .AppendTo(MyAgents);

    private static InvalidOperationException NoPipeline() => new("This client was created for mocking and has no pipeline.");
}
