using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Paging;
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

    /// <summary>Lists one window of earnings ledger entries, newest first.</summary>
    /// <param name="appId">The app id.</param>
    /// <param name="options">Kind, window size and offset; server defaults when <see langword="null"/>. The server ignores
    /// the offset when a kind is given (a filtered query always returns the newest entries).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A window of entries; <see cref="AppEarningsHistoryPagination.HasMore"/> says whether more may follow.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1-100, the offset below 0, or the kind not one the server takes.</exception>
    public virtual Task<AppEarningsHistory> ListHistoryAsync(string appId, AppEarningsHistoryListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = HistoryPath(appId, options?.Type, options?.Limit, options?.Offset);
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppEarningsHistory, cancellationToken);
    }

    /// <summary>
    /// Enumerates every earnings ledger entry, newest first, fetching windows of <see cref="AppEarningsHistoryListOptions.Limit"/>
    /// (100 when not set) lazily as you iterate, from <see cref="AppEarningsHistoryListOptions.Offset"/> on, and stopping at
    /// the first window the server does not fill (its <c>hasMore</c>).
    /// </summary>
    /// <remarks>
    /// The server does not page a filtered history, so with <see cref="AppEarningsHistoryListOptions.Type"/> the walk reads the
    /// unfiltered windows (the offset counts entries of every kind) and yields the entries of that kind.
    /// </remarks>
    /// <param name="appId">The app id.</param>
    /// <param name="options">Kind, window size and first offset; <see langword="null"/> for every entry.</param>
    /// <param name="cancellationToken">Cancels the walk, also between windows.</param>
    /// <returns>The entries, newest first.</returns>
    /// <exception cref="ArgumentException">The limit is outside 1-100, the offset below 0, or the kind not one the server takes (thrown at once, not on first iteration).</exception>
    public virtual IAsyncEnumerable<AppEarningsTransaction> ListAllHistoryAsync(string appId, AppEarningsHistoryListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var type = options?.Type;
        var limit = options?.Limit ?? AppEarningsHistoryListOptions.MaxLimit;
        _ = HistoryPath(appId, type, limit, options?.Offset);
        var entries = Pager.WalkAsync(
            options?.Offset ?? 0,
            (offset, ct) => Pipeline.GetJsonAsync(HistoryPath(appId, type: null, limit, offset), MiladyCloudJsonContext.Default.AppEarningsHistory, ct),
            page => page.Transactions,
            (offset, page) => page.Pagination.HasMore ? offset + page.Transactions.Count : null,
            cancellationToken);
        return type is { } kind ? entries.Where(entry => entry.Type == kind) : entries;
    }

    private static string HistoryPath(string appId, AppEarningsTransactionType? type, int? limit, int? offset)
    {
        AppRequestValidator.Range(limit, 1, AppEarningsHistoryListOptions.MaxLimit, "limit");
        RequestValidation.AtLeast(offset, 0, "offset");
        AppRequestValidator.OneOf(type?.Value, "type", TransactionTypes);
        return new QueryString().Add("limit", limit).Add("offset", offset).Add("type", type?.Value).AppendTo(AppRoute.Path(appId, "earnings/history"));
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
