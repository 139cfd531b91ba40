using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>The authenticated user (<c>/user</c>) and the organization's server wallets. Obtain it from <see cref="MiladyCloudClient.User"/>.</summary>
public class UserClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected UserClient()
    {
    }

    internal UserClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets the user's profile and organization (whose balance is text; see <see cref="UserOrganization.CreditBalanceAmount"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    public virtual async Task<CurrentUser> GetAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("user", MiladyCloudJsonContext.Default.CurrentUserResponse, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Changes profile fields; fields left null stay as they are.</summary>
    /// <param name="update">At least one field: name 1-100 characters, avatar an absolute URL or empty (clears it), nickname up to 50, preferences up to 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated profile (without the organization).</returns>
    /// <exception cref="ArgumentException">Nothing to change, or a field is outside the limits.</exception>
    public virtual async Task<CurrentUser> UpdateAsync(UpdateCurrentUserRequest update, CancellationToken cancellationToken = default)
    {
        AccountRequestValidator.Validate(update);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Patch, "user", update, MiladyCloudJsonContext.Default.UpdateCurrentUserRequest, MiladyCloudJsonContext.Default.UpdateCurrentUserResponse, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Lists the organization's custodial server wallets.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The wallets.</returns>
    public virtual async Task<IReadOnlyList<ServerWallet>> ListWalletsAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("user/wallets", MiladyCloudJsonContext.Default.ServerWalletList, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Data.ToList();
    }

    /// <summary>Creates a server wallet controlled by the given client wallet; if one exists for that address and chain it is returned instead.</summary>
    /// <param name="wallet">Chain (<c>evm</c> or <c>solana</c>), the client's own address, and optionally an agent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The wallet.</returns>
    /// <exception cref="ArgumentException">The address does not fit the chain, or the agent id is not a UUID.</exception>
    public virtual async Task<ServerWallet> ProvisionWalletAsync(ProvisionServerWalletRequest wallet, CancellationToken cancellationToken = default)
    {
        AccountRequestValidator.Validate(wallet);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Post, "user/wallets/provision", wallet, MiladyCloudJsonContext.Default.ProvisionServerWalletRequest, MiladyCloudJsonContext.Default.ProvisionServerWalletResponse, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Data;
    }
}
