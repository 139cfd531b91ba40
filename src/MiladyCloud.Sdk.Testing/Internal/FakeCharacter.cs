using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// One stored character (a row of the real <c>user_characters</c> table) with everything the agent routes change.
/// Guarded by <see cref="FakeCharacterStore.Gate"/>.
/// </summary>
internal sealed class FakeCharacter
{
    /// <summary>The plugin the MCP routes add while a character has MCP servers.</summary>
    public const string McpPlugin = "@elizaos/plugin-mcp";

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Username { get; init; }

    public required List<string> Bio { get; init; }

    /// <summary>
    /// The bio is stored as one string (<see cref="Bio"/> holds it alone), as the web dashboard saves it; the agents route
    /// stores a list. Routes that pass the stored bio through send it in its stored form.
    /// </summary>
    public bool BioIsText { get; init; }

    /// <summary>The creating user: <see cref="FakeAccount.UserId"/> for the caller's own characters.</summary>
    public string OwnerUserId { get; init; } = FakeAccount.UserId;

    public string? OwnerName { get; init; }

    public string OrganizationId { get; init; } = FakeAccount.OrganizationId;

    public string? System { get; init; }

    public string? AvatarUrl { get; init; }

    /// <summary>None for the caller's characters: the create route sets no category.</summary>
    public string? Category { get; init; }

    public List<string> Tags { get; init; } = [];

    public List<string> Plugins { get; set; } = [];

    /// <summary>The <c>settings.mcp</c> object as the MCP routes stored it, or <see langword="null"/>.</summary>
    public JsonObject? McpSettings { get; set; }

    public bool IsPublic { get; set; }

    public bool MonetizationEnabled { get; set; }

    public decimal MarkupPercentage { get; set; }

    public string? PayoutWalletAddress { get; set; }

    // The table's defaults: both protocol endpoints are on until a publish says otherwise.
    public bool A2aEnabled { get; set; } = true;

    public bool McpEnabled { get; set; } = true;

    public string? TokenAddress { get; init; }

    public string? TokenChain { get; init; }

    public string? TokenName { get; init; }

    public string? TokenTicker { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOwnedByCaller => OwnerUserId == FakeAccount.UserId;

    public bool IsInCallersOrganization => OrganizationId == FakeAccount.OrganizationId;

    /// <summary>An immutable copy for the routes that only read the caller's characters (dashboard, credit summary, apps).</summary>
    public AgentsResponder.StoredAgent ToStoredAgent() => new(Id, Name, Username, Bio.FirstOrDefault() ?? string.Empty, BioIsText, CreatedAt, IsPublic, MonetizationEnabled);
}
