using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>The server's documented limits on agent requests, checked before anything is sent.</summary>
internal static partial class AgentRequestChecks
{
    private const double MaxMarkupPercentage = 1000;
    private const int MaxMcpServers = 50;
    private const int MaxMcpServerIdLength = 100;
    private const int MaxMcpUrlLength = 2048;
    private const int MaxMcpTimeoutMs = 300_000;
    private const int MaxMcpRetries = 10;
    private const int MinUsernameLength = 3;
    private const int MaxUsernameLength = 30;

    // The server's reserved usernames (packages/lib/utils/agent-username.ts).
    private static readonly HashSet<string> ReservedUsernames = new(StringComparer.Ordinal)
    {
        "admin", "api", "app", "chat", "dashboard", "eliza", "elizaos", "help", "login", "logout", "me", "new", "null",
        "profile", "settings", "signup", "support", "system", "undefined", "user", "www",
    };

    public static void ListOptions(AgentListOptions? options)
    {
        if (options?.Page < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Page, "Page numbers start at 1.");
        }

        if (options?.Limit is < 1 or > AgentListOptions.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, $"The page size must be between 1 and {AgentListOptions.MaxLimit}.");
        }
    }

    public static void Create(CreateAgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The server caps the name as sent, then trims it and requires something left.
        if (request.Name is null || request.Name.Length > 100 || request.Name.Trim().Length == 0)
        {
            throw new ArgumentException("The agent name must have at most 100 characters as sent, and at least one that is not white space.", nameof(request));
        }

        Length(request.TokenAddress, 256, "TokenAddress");
        Length(request.TokenChain, 64, "TokenChain");
        Length(request.TokenName, 128, "TokenName");
        Length(request.TokenTicker, 32, "TokenTicker");
    }

    /// <summary>
    /// The username rules the server applies to a clone's username: it lower-cases and trims the value, then wants 3-30
    /// characters of letters, digits and single inner hyphens, not reserved. Left out or empty, one is generated.
    /// </summary>
    public static void Clone(CloneAgentRequest? options)
    {
        if (options?.Username is not { Length: > 0 } username)
        {
            return;
        }

        var normalized = username.ToLowerInvariant().Trim();
        var problem = normalized.Length < MinUsernameLength ? $"at least {MinUsernameLength} characters"
            : normalized.Length > MaxUsernameLength ? $"at most {MaxUsernameLength} characters"
            : !UsernamePattern().IsMatch(normalized) ? "only letters, digits and single hyphens between them"
            : ReservedUsernames.Contains(normalized) ? "not a reserved name"
            : null;
        if (problem is not null)
        {
            throw new ArgumentException($"The username '{username}' is not valid: it must be {problem}.", nameof(options));
        }
    }

    public static void Markup(double? markupPercentage)
    {
        if (markupPercentage is < 0 or > MaxMarkupPercentage || (markupPercentage is { } value && double.IsNaN(value)))
        {
            throw new ArgumentOutOfRangeException(nameof(markupPercentage), markupPercentage, $"The markup percentage must be between 0 and {MaxMarkupPercentage}.");
        }
    }

    public static void McpSettings(AgentMcpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Servers, nameof(settings.Servers));
        if (settings.Servers.Count > MaxMcpServers)
        {
            throw new ArgumentException($"At most {MaxMcpServers} MCP servers are allowed (got {settings.Servers.Count}).", nameof(settings));
        }

        if (settings.MaxRetries is < 0 or > MaxMcpRetries)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MaxRetries, $"MaxRetries must be between 0 and {MaxMcpRetries}.");
        }

        foreach (var (id, server) in settings.Servers)
        {
            McpServer(id, server);
        }
    }

    public static void McpServer(string serverId, AgentMcpServer server)
    {
        if (string.IsNullOrWhiteSpace(serverId) || serverId.Length > MaxMcpServerIdLength)
        {
            throw new ArgumentException($"An MCP server id must have 1 to {MaxMcpServerIdLength} characters.", nameof(serverId));
        }

        ArgumentNullException.ThrowIfNull(server);
        if (string.IsNullOrWhiteSpace(server.Url) || server.Url.Length > MaxMcpUrlLength)
        {
            throw new ArgumentException($"The URL of MCP server '{serverId}' must have 1 to {MaxMcpUrlLength} characters.", nameof(server));
        }

        if (server.Timeout is < 0 or > MaxMcpTimeoutMs)
        {
            throw new ArgumentOutOfRangeException(nameof(server), server.Timeout, $"The timeout of MCP server '{serverId}' must be between 0 and {MaxMcpTimeoutMs} ms.");
        }
    }

    private static void Length(string? value, int max, string member)
    {
        if (value is not null && (value.Length == 0 || value.Length > max))
        {
            throw new ArgumentException($"{member} must have 1 to {max} characters when given.", member);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex UsernamePattern();
}
