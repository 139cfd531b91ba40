using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Monetization and creator earnings of an app (<c>/apps/{id}/monetization</c>, <c>/earnings</c>). Amounts are US
/// dollars. Obtain it from <see cref="AppsClient.Earnings"/>.
/// </summary>
public class AppEarningsClient : CategoryClient
{
    private static readonly string[] TransactionTypes = ["inference_markup", "purchase_share", "withdrawal", "adjustment"];

    /// <summary>For mocking frameworks.</summary>
    protected AppEarningsClient()
    {
    }

    internal AppEarningsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets the monetization settings.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    public virtual async Task<AppMonetization> GetMonetizationAsync(string appId, CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync(AppRoute.Path(appId, "monetization"), MiladyCloudJsonContext.Default.AppMonetizationResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Monetization;
    }

    /// <summary>Changes the monetization settings (sent as <c>PUT</c>, which the server takes; the docs say <c>POST</c>).</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="update">Markup 0-1000 %, purchase share 0-100 %; fields left null stay as they are.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings now in force.</returns>
    /// <exception cref="ArgumentException">A percentage is out of range.</exception>
    public virtual async Task<AppMonetization> UpdateMonetizationAsync(string appId, UpdateAppMonetizationRequest update, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "monetization");
        ArgumentNullException.ThrowIfNull(update);
        RequestValidation.Range(update.InferenceMarkupPercentage, 0, 1000, "inferenceMarkupPercentage");
        RequestValidation.Range(update.PurchaseSharePercentage, 0, 100, "purchaseSharePercentage");
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Put, path, update, MiladyCloudJsonContext.Default.UpdateAppMonetizationRequest, MiladyCloudJsonContext.Default.AppMonetizationResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Monetization;
    }

    /// <summary>Gets the earnings summary, per-period breakdown, recent transactions and a daily chart.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="days">1-90 days of chart data (the server's default is 30).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The earnings and the monetization settings.</returns>
    public virtual Task<AppEarningsResponse> GetAsync(string appId, int? days = null, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.Range(days, 1, 90, nameof(days));
        var path = new QueryString().Add("days", days).AppendTo(AppRoute.Path(appId, "earnings"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppEarningsResponse, cancellationToken);
    }

    /// <summary>Lists earnings ledger entries.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="limit">1-100 (the server's default is 50).</param>
    /// <param name="offset">Entries to skip; at least 0. The server ignores it when <paramref name="type"/> is given (a filtered query always returns the newest entries).</param>
    /// <param name="type"><c>inference_markup</c>, <c>purchase_share</c>, <c>withdrawal</c> or <c>adjustment</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of entries; <see cref="AppEarningsHistoryPagination.HasMore"/> says whether more follow.</returns>
    public virtual Task<AppEarningsHistory> ListHistoryAsync(string appId, int? limit = null, int? offset = null, string? type = null, CancellationToken cancellationToken = default)
    {
        AppRequestValidator.Range(limit, 1, 100, nameof(limit));
        RequestValidation.AtLeast(offset, 0, nameof(offset));
        AppRequestValidator.OneOf(type, nameof(type), TransactionTypes);
        var path = new QueryString().Add("limit", limit).Add("offset", offset).Add("type", type).AppendTo(AppRoute.Path(appId, "earnings/history"));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppEarningsHistory, cancellationToken);
    }

    /// <summary>
    /// Withdraws earnings (creator only; monetization must be on; at least the payout threshold, $25 by default).
    /// After an ambiguous failure it is not repeated automatically; repeat it yourself with the same
    /// <see cref="WithdrawAppEarningsRequest.IdempotencyKey"/> so the money moves once.
    /// </summary>
    /// <param name="appId">The app id.</param>
    /// <param name="withdrawal">Amount (more than 0, at most 1,000,000) and an optional idempotency key (16-64 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger entry and the new balance.</returns>
    /// <exception cref="ArgumentException">The amount or key is out of range.</exception>
    public virtual Task<AppWithdrawal> WithdrawAsync(string appId, WithdrawAppEarningsRequest withdrawal, CancellationToken cancellationToken = default)
    {
        var path = AppRoute.Path(appId, "earnings/withdraw");
        ArgumentNullException.ThrowIfNull(withdrawal);
        if (double.IsNaN(withdrawal.Amount) || withdrawal.Amount <= 0 || withdrawal.Amount > 1_000_000)
        {
            throw new ArgumentException($"amount must be more than 0 and at most 1,000,000 (was {withdrawal.Amount}).", "amount");
        }

        if (withdrawal.IdempotencyKey is { Length: < 16 or > 64 })
        {
            throw new ArgumentException("idempotency_key must be 16-64 characters.", "idempotency_key");
        }

        return Pipeline.SendJsonAsync(HttpMethod.Post, path, withdrawal, MiladyCloudJsonContext.Default.WithdrawAppEarningsRequest, MiladyCloudJsonContext.Default.AppWithdrawal, cancellationToken, SendFlags.ConsumesCredits);
    }
}
