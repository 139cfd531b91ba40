namespace MiladyCloud.Sdk.Tests.Agents;

/// <summary>Response bodies shaped like the server's, with every field the schema names.</summary>
internal static class AgentJson
{
    public const string Id = "0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";

    public const string FullCharacter = """
        {"id":"0b6c8d1e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","organization_id":"org-1","user_id":"user-1","name":"Support Bot","username":"support-bot",
         "system":"You help.","bio":["Expert in support","Patient"],"message_examples":[[{"name":"user","content":{"text":"hi"}}]],
         "post_examples":["post one"],"topics":["billing"],"adjectives":["kind"],"knowledge":["faq.md"],"plugins":["@elizaos/plugin-sql"],
         "settings":{"voice":"alloy"},"secrets":{},"style":{"all":["brief"]},"character_data":{"name":"Support Bot"},
         "is_template":false,"is_public":true,"avatar_url":"https://cdn.example/a.png","category":"support","tags":["help"],"featured":false,
         "view_count":12,"interaction_count":3,"popularity_score":"1.50","source":"cloud",
         "token_address":"0xabc","token_chain":"base","token_name":"Bot Token","token_ticker":"BOT",
         "erc8004_registered":true,"erc8004_network":"base-sepolia","erc8004_agent_id":77,"erc8004_agent_uri":"ipfs://x","erc8004_tx_hash":"0xtx",
         "erc8004_registered_at":"2026-04-03T00:00:00.000Z","monetization_enabled":true,"inference_markup_percentage":"12.50",
         "payout_wallet_address":"0xwallet","total_inference_requests":42,"total_creator_earnings":"3.21","total_platform_revenue":"0.00",
         "a2a_enabled":true,"mcp_enabled":false,"created_at":"2026-04-01T10:30:00.000Z","updated_at":"2026-04-02T08:00:00.000Z"}
        """;
}
