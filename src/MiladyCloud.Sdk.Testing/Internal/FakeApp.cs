using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>One app of the fake's organization with everything its sub-routes change. Guarded by <see cref="FakeAppStore.Gate"/>.</summary>
internal sealed class FakeApp
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string? Description { get; set; }

    public required string AppUrl { get; set; }

    public List<string> AllowedOrigins { get; set; } = [];

    public string? LogoUrl { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? ContactEmail { get; set; }

    public required string ApiKeyId { get; set; }

    public required string ApiKey { get; set; }

    public string? GithubRepo { get; init; }

    public string DeploymentStatus { get; set; } = "draft";

    public string? ProductionUrl { get; set; }

    public DateTimeOffset? LastDeployedAt { get; set; }

    public List<string> LinkedCharacterIds { get; set; } = [];

    public bool MonetizationEnabled { get; set; }

    public decimal InferenceMarkupPercentage { get; set; }

    public decimal PurchaseSharePercentage { get; set; }

    public decimal CreatorEarnings { get; set; }

    public decimal PlatformRevenue { get; set; }

    public decimal Withdrawn { get; set; }

    public decimal CreditsUsed { get; set; }

    public JsonObject Discord { get; set; } = new() { ["enabled"] = false, ["autoAnnounce"] = false, ["announceIntervalMin"] = 120, ["announceIntervalMax"] = 240 };

    public JsonObject Telegram { get; set; } = new() { ["enabled"] = false, ["autoReply"] = true, ["autoAnnounce"] = false, ["announceIntervalMin"] = 120, ["announceIntervalMax"] = 240 };

    public JsonObject Twitter { get; set; } = new() { ["enabled"] = false, ["autoPost"] = false, ["autoReply"] = false, ["autoEngage"] = false, ["discovery"] = false, ["postIntervalMin"] = 90, ["postIntervalMax"] = 150 };

    public JsonArray PromotionalAssets { get; } = [];

    public bool IsActive { get; set; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public List<AppRequest> Requests { get; } = [];

    public Dictionary<string, AppUser> Users { get; } = new(StringComparer.Ordinal);

    public List<JsonObject> Deployments { get; } = [];

    /// <summary>The id of the app's domain record (its subdomain), created with the app.</summary>
    public string DomainRecordId { get; } = FakeFormat.NewId();

    public string? CustomDomain { get; set; }

    public DateTimeOffset? CustomDomainVerifiedAt { get; set; }

    public List<EarningsEntry> Earnings { get; } = [];

    public Dictionary<string, EarningsEntry> WithdrawalsByKey { get; } = new(StringComparer.Ordinal);

    public List<JsonObject> Campaigns { get; } = [];

    public sealed record AppRequest(string Id, string Type, string Source, string IpAddress, string? UserId, string? Model, int InputTokens, int OutputTokens, decimal Credits, DateTimeOffset CreatedAt);

    public sealed record AppUser(string Id, string UserId, DateTimeOffset FirstSeen)
    {
        public int Requests { get; set; }

        public decimal Credits { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }

    public sealed record EarningsEntry(string Id, string Type, decimal Amount, string Description, DateTimeOffset CreatedAt);
}
