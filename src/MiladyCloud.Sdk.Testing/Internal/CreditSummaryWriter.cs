using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>GET /credits/summary</c> from the fake's state: balance and auto top-up, the caller's characters (no budgets),
/// the apps with their earnings, the caller's redeemable earnings (the apps' creator earnings) and the newest ledger entries.
/// </summary>
internal sealed class CreditSummaryWriter(FakeLedger ledger, BillingResponder billing, AgentsResponder agents, FakeAppStore apps)
{
    public string Write() => JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        WriteOrganization(w);
        var characters = agents.Snapshot();
        w.WriteStartArray("agents");
        foreach (var character in characters)
        {
            WriteAgent(w, character);
        }

        w.WriteEndArray();
        w.WriteStartObject("agentsSummary");
        w.WriteNumber("total", characters.Count);
        w.WriteNumber("withBudget", 0);
        w.WriteNumber("paused", 0);
        w.WriteNumber("totalAllocated", 0);
        w.WriteNumber("totalSpent", 0);
        w.WriteNumber("totalAvailable", 0);
        w.WriteEndObject();
        var (earned, withdrawn) = apps.Read(all =>
        {
            WriteApps(w, all);
            return (all.Sum(a => a.CreatorEarnings), all.Sum(a => a.Withdrawn));
        });
        WriteEarnings(w, earned, withdrawn);
        WriteTransactions(w);
        w.WriteStartObject("pricing");
        w.WriteNumber("creditsPerDollar", 100);
        w.WriteNumber("minimumTopUp", 5);
        w.WriteBoolean("x402Enabled", true);
        w.WriteEndObject();
    });

    private void WriteOrganization(Utf8JsonWriter w)
    {
        var (enabled, threshold, amount) = billing.AutoTopUp;
        w.WriteStartObject("organization");
        w.WriteString("id", FakeAccount.OrganizationId);
        w.WriteString("name", FakeAccount.OrganizationName);
        w.WriteNumber("creditBalance", ledger.Balance);
        w.WriteBoolean("autoTopUpEnabled", enabled);
        FakeFormat.WriteNullable(w, "autoTopUpThreshold", threshold);
        FakeFormat.WriteNullable(w, "autoTopUpAmount", amount);
        w.WriteBoolean("hasPaymentMethod", true);
        w.WriteEndObject();
    }

    private static void WriteAgent(Utf8JsonWriter w, AgentsResponder.StoredAgent character)
    {
        w.WriteStartObject();
        w.WriteString("id", character.Id);
        w.WriteString("name", character.Name);
        w.WriteBoolean("isPublic", character.IsPublic);
        w.WriteBoolean("monetizationEnabled", character.MonetizationEnabled);
        w.WriteBoolean("hasBudget", false);
        w.WriteNumber("allocated", 0);
        w.WriteNumber("spent", 0);
        w.WriteNumber("available", 0);
        w.WriteNull("dailyLimit");
        w.WriteNumber("dailySpent", 0);
        w.WriteNull("dailyRemaining");
        w.WriteBoolean("isPaused", false);
        w.WriteNull("pauseReason");
        w.WriteNumber("totalEarnings", 0);
        w.WriteNumber("totalRequests", 0);
        w.WriteEndObject();
    }

    private static void WriteApps(Utf8JsonWriter w, IEnumerable<FakeApp> all)
    {
        w.WriteStartArray("apps");
        foreach (var app in all)
        {
            w.WriteStartObject();
            w.WriteString("id", app.Id);
            w.WriteString("name", app.Name);
            w.WriteString("slug", app.Slug);
            w.WriteBoolean("monetizationEnabled", app.MonetizationEnabled);
            w.WriteNumber("inferenceMarkupPercentage", app.InferenceMarkupPercentage);
            w.WriteNumber("totalCreatorEarnings", app.CreatorEarnings);
            w.WriteNumber("totalPlatformRevenue", app.PlatformRevenue);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteEarnings(Utf8JsonWriter w, decimal earned, decimal withdrawn)
    {
        w.WriteStartObject("earnings");
        w.WriteNumber("availableBalance", earned - withdrawn);
        w.WriteNumber("totalEarned", earned);
        w.WriteNumber("totalRedeemed", withdrawn);
        w.WriteNumber("totalPending", 0);
        w.WriteStartObject("breakdown");
        w.WriteNumber("miniapps", earned);
        w.WriteNumber("agents", 0);
        w.WriteNumber("mcps", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteTransactions(Utf8JsonWriter w)
    {
        w.WriteStartArray("recentTransactions");
        foreach (var entry in ledger.Entries().Take(10))
        {
            w.WriteStartObject();
            w.WriteString("id", entry.Id);
            w.WriteString("type", entry.Type);
            w.WriteNumber("amount", entry.Amount);
            w.WriteString("description", entry.Description);
            w.WriteString("createdAt", FakeFormat.Iso(entry.CreatedAt));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
