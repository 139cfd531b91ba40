using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Checks user and wallet requests against the server's limits before anything is sent.</summary>
internal static partial class AccountRequestValidator
{
    public static void Validate(UpdateCurrentUserRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update is { Name: null, Avatar: null, Nickname: null, WorkFunction: null, Preferences: null, ResponseNotifications: null, EmailNotifications: null })
        {
            throw new ArgumentException("Set at least one profile field to change.", nameof(update));
        }

        MaxLength(update.Name, 100, "name");
        MaxLength(update.Nickname, 50, "nickname");
        MaxLength(update.Preferences, 1000, "preferences");
        if (update.Avatar is { Length: > 0 } avatar && !Uri.TryCreate(avatar, UriKind.Absolute, out _))
        {
            throw new ArgumentException("avatar must be an absolute URL, or empty to clear it.", "avatar");
        }
    }

    public static void Validate(ProvisionServerWalletRequest wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var address = wallet.ClientAddress ?? string.Empty;
        var fits = wallet.ChainType == WalletChainType.Evm ? EvmAddress().IsMatch(address)
            : wallet.ChainType == WalletChainType.Solana ? SolanaAddress().IsMatch(address)
            : throw new ArgumentException($"chainType must be evm or solana (was '{wallet.ChainType}').", "chainType");
        if (!fits)
        {
            throw new ArgumentException($"clientAddress is not a valid {wallet.ChainType} address.", "clientAddress");
        }

        if (wallet.CharacterId is { } id && !Guid.TryParse(id, out _))
        {
            throw new ArgumentException("characterId must be a UUID.", "characterId");
        }
    }

    private static void MaxLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw new ArgumentException($"{field} must be at most {max} characters (was {value.Length}).", field);
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex EvmAddress();

    [GeneratedRegex("^[1-9A-HJ-NP-Za-km-z]{32,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex SolanaAddress();
}
