using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The service's token-address rules: EVM addresses are case-insensitive, so they are stored and compared in lower
/// case; other chains' addresses (Solana base58 and the like) keep their case.
/// </summary>
internal static partial class TokenAddresses
{
    private static readonly HashSet<string> EvmChains = new(StringComparer.Ordinal)
    {
        "ethereum", "base", "arbitrum", "optimism", "polygon", "avalanche", "bsc", "binance", "fantom", "gnosis", "celo",
        "linea", "scroll", "zksync", "blast", "mantle", "mode", "moonbeam", "moonriver", "aurora", "metis", "cronos",
        "harmony", "zora",
    };

    public static string Normalize(string address, string? chain)
        => (chain is not null && EvmChains.Contains(chain.ToLowerInvariant())) || EvmAddress().IsMatch(address) ? address.ToLowerInvariant() : address;

    /// <summary>The character linked to the token (on the chain when one is given); call under the store's gate.</summary>
    public static FakeCharacter? Find(FakeCharacterStore store, string address, string? chain)
    {
        var normalized = Normalize(address, chain);
        var lowered = normalized == normalized.ToLowerInvariant();
        return store.Read(all => all.FirstOrDefault(c =>
            c.TokenAddress is { } stored
            && (stored == normalized || (lowered && stored.ToLowerInvariant() == normalized))
            && (chain is null || c.TokenChain == chain)));
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex EvmAddress();
}
