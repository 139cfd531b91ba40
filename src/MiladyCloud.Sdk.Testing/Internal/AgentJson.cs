using System.Globalization;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>How the agent routes write a character: the stored record, the list item, and the shared pieces.</summary>
internal static class AgentJson
{
    /// <summary>
    /// The full <c>user_characters</c> row, every column in the table's order, in snake_case with the numeric columns as
    /// text, as the service sends it; the columns the fake does not model hold the table's defaults.
    /// </summary>
    public static void WriteRecord(Utf8JsonWriter w, FakeCharacter c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("organization_id", c.OrganizationId);
        w.WriteString("user_id", c.OwnerUserId);
        w.WriteString("name", c.Name);
        w.WriteString("username", c.Username);
        FakeFormat.WriteNullable(w, "system", c.System);
        WriteBio(w, c);
        foreach (var list in (ReadOnlySpan<string>)["message_examples", "post_examples", "topics", "adjectives", "knowledge"])
        {
            w.WriteStartArray(list);
            w.WriteEndArray();
        }

        FakeFormat.WriteStrings(w, "plugins", c.Plugins);
        WriteSettings(w, c);
        foreach (var map in (ReadOnlySpan<string>)["secrets", "style", "character_data"])
        {
            w.WriteStartObject(map);
            w.WriteEndObject();
        }

        w.WriteBoolean("is_template", false);
        w.WriteBoolean("is_public", c.IsPublic);
        FakeFormat.WriteNullable(w, "avatar_url", c.AvatarUrl);
        FakeFormat.WriteNullable(w, "category", c.Category);
        FakeFormat.WriteStrings(w, "tags", c.Tags);
        w.WriteBoolean("featured", false);
        w.WriteNumber("view_count", 0);
        w.WriteNumber("interaction_count", 0);
        w.WriteNumber("popularity_score", 0);
        w.WriteString("source", "cloud");
        WriteTokens(w, c);
        // Not registered on chain: the fake has no ERC-8004 registry.
        w.WriteBoolean("erc8004_registered", false);
        foreach (var column in (ReadOnlySpan<string>)["erc8004_network", "erc8004_agent_id", "erc8004_agent_uri", "erc8004_tx_hash", "erc8004_registered_at"])
        {
            w.WriteNull(column);
        }

        w.WriteBoolean("monetization_enabled", c.MonetizationEnabled);
        w.WriteString("inference_markup_percentage", FakeFormat.Money(c.MarkupPercentage));
        FakeFormat.WriteNullable(w, "payout_wallet_address", c.PayoutWalletAddress);
        w.WriteNumber("total_inference_requests", 0);
        w.WriteString("total_creator_earnings", "0.0000");
        w.WriteString("total_platform_revenue", "0.0000");
        w.WriteBoolean("a2a_enabled", c.A2aEnabled);
        w.WriteBoolean("mcp_enabled", c.McpEnabled);
        w.WriteString("created_at", FakeFormat.Iso(c.CreatedAt));
        w.WriteString("updated_at", FakeFormat.Iso(c.UpdatedAt));
        w.WriteEndObject();
    }

    /// <summary>The list item: the server sends several fields in both camelCase and snake_case.</summary>
    public static void WriteSummary(Utf8JsonWriter w, FakeCharacter c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        WriteBio(w, c);
        FakeFormat.WriteNullable(w, "avatarUrl", c.AvatarUrl);
        FakeFormat.WriteNullable(w, "avatar_url", c.AvatarUrl);
        FakeFormat.WriteNullable(w, "category", c.Category);
        w.WriteBoolean("isPublic", c.IsPublic);
        w.WriteBoolean("is_public", c.IsPublic);
        w.WriteString("createdAt", FakeFormat.Iso(c.CreatedAt));
        w.WriteString("created_at", FakeFormat.Iso(c.CreatedAt));
        w.WriteString("updatedAt", FakeFormat.Iso(c.UpdatedAt));
        w.WriteString("updated_at", FakeFormat.Iso(c.UpdatedAt));
        FakeFormat.WriteStrings(w, "tags", c.Tags);
        WriteTokens(w, c);
        w.WriteEndObject();
    }

    /// <summary>The stored bio in its stored form: one string (saved by the web dashboard) or a list.</summary>
    public static void WriteBio(Utf8JsonWriter w, FakeCharacter c)
    {
        if (c.BioIsText)
        {
            w.WriteString("bio", c.Bio.FirstOrDefault() ?? string.Empty);
        }
        else
        {
            FakeFormat.WriteStrings(w, "bio", c.Bio);
        }
    }

    public static void WriteTokens(Utf8JsonWriter w, FakeCharacter c)
    {
        FakeFormat.WriteNullable(w, "token_address", c.TokenAddress);
        FakeFormat.WriteNullable(w, "token_chain", c.TokenChain);
        FakeFormat.WriteNullable(w, "token_name", c.TokenName);
        FakeFormat.WriteNullable(w, "token_ticker", c.TokenTicker);
    }

    /// <summary>A markup as a JSON number the way the routes convert the column (<c>Number("12.50")</c> is 12.5).</summary>
    public static void WriteMarkup(Utf8JsonWriter w, string name, decimal markup)
        => w.WriteNumber(name, double.Parse(FakeFormat.Money(markup), CultureInfo.InvariantCulture));

    private static void WriteSettings(Utf8JsonWriter w, FakeCharacter c)
    {
        w.WriteStartObject("settings");
        if (c.McpSettings is not null)
        {
            w.WritePropertyName("mcp");
            c.McpSettings.WriteTo(w);
        }

        w.WriteEndObject();
    }
}
