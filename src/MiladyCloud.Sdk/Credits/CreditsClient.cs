using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Organization credits and billing: balance, summary, Stripe checkout, ledger, quotas, invoices, prices, billing
/// settings and auto top-up; crypto payments in <see cref="Crypto"/>. Credits are US dollars. Obtain it from <see cref="MiladyCloudClient.Credits"/>.
/// </summary>
public class CreditsClient : CategoryClient
{
    private CryptoPaymentsClient? _crypto;

    /// <summary>For mocking frameworks.</summary>
    protected CreditsClient()
    {
    }

    internal CreditsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Credit purchases paid in crypto: availability, the organization's payments and one payment's state.</summary>
    public virtual CryptoPaymentsClient Crypto => _crypto ??= new CryptoPaymentsClient(Pipeline);

    /// <summary>Gets the organization's balance in US dollars.</summary>
    /// <param name="fresh"><see langword="true"/> to have the server re-read the balance from its database instead of the value cached with the session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    public virtual Task<CreditBalance> GetBalanceAsync(bool fresh = false, CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync(fresh ? "credits/balance?fresh=true" : "credits/balance", MiladyCloudJsonContext.Default.CreditBalance, cancellationToken, SendFlags.SuccessFlagInBody);

    /// <summary>Gets balance, agent budgets, app earnings, recent transactions and pricing constants in one call.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary.</returns>
    public virtual Task<CreditSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("credits/summary", MiladyCloudJsonContext.Default.CreditSummary, cancellationToken, SendFlags.SuccessFlagInBody);

    /// <summary>
    /// Creates a Stripe checkout for buying credits; send the user to <see cref="CreditCheckoutSession.Url"/>. The server
    /// appends <c>session_id={CHECKOUT_SESSION_ID}</c> to the success URL. Credits arrive through the payment webhook.
    /// </summary>
    /// <param name="checkout">Amount (1-1000 USD) and the two redirect URLs (on an origin the platform allows).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkout URL and session id.</returns>
    /// <exception cref="ArgumentException">The amount is out of range or a URL is not an absolute http(s) URL.</exception>
    public virtual Task<CreditCheckoutSession> CreateCheckoutAsync(CreditCheckoutRequest checkout, CancellationToken cancellationToken = default)
    {
        CreditsRequestValidator.Validate(checkout);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "credits/checkout", checkout, MiladyCloudJsonContext.Default.CreditCheckoutRequest, MiladyCloudJsonContext.Default.CreditCheckoutSession, cancellationToken, SendFlags.SuccessFlagInBody);
    }

    /// <summary>
    /// Checks whether a Stripe checkout session is paid. A session that is not (yet) paid, or is not a credit purchase,
    /// raises a <see cref="MiladyCloudApiException"/> (the server answers it with status 200 and <c>success:false</c>;
    /// the exception's <see cref="MiladyCloudApiException.RawBody"/> carries its <c>status</c>).
    /// </summary>
    /// <param name="sessionId">The checkout session id (<c>cs_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verified payment.</returns>
    /// <exception cref="ArgumentException"><paramref name="sessionId"/> is empty.</exception>
    public virtual Task<CreditCheckoutVerification> VerifyCheckoutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Pipeline.GetJsonAsync("credits/verify?session_id=" + Uri.EscapeDataString(sessionId), MiladyCloudJsonContext.Default.CreditCheckoutVerification, cancellationToken, SendFlags.SuccessFlagInBody);
    }

    /// <summary>
    /// Lists the newest ledger entries. Not paged: the server takes no offset, so entries older than
    /// <paramref name="limit"/> are out of reach (a larger limit reaches further).
    /// </summary>
    /// <param name="limit">Most entries to return (the server's default is 100); positive.</param>
    /// <param name="hours">Only entries from the last this many hours (applied after <paramref name="limit"/>); positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries and the period they cover.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="hours"/> is not positive.</exception>
    public virtual Task<CreditTransactionList> ListTransactionsAsync(int? limit = null, int? hours = null, CancellationToken cancellationToken = default)
    {
        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l, nameof(limit));
        }

        if (hours is { } h)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(h, nameof(hours));
        }

        var path = new QueryString().Add("limit", limit).Add("hours", hours).AppendTo("api/credits/transactions");
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.CreditTransactionList, cancellationToken, SiteRoute);
    }

    /// <summary>Gets spending against the organization's quotas (overall and per model). These are spending quotas, not rate limits.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quotas.</returns>
    public virtual async Task<QuotaUsage> GetQuotaUsageAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("api/quotas/usage", MiladyCloudJsonContext.Default.QuotaUsageResponse, cancellationToken, SiteRoute).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Lists the organization's invoices (date, total and status are display strings).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoices.</returns>
    public virtual Task<InvoiceList> ListInvoicesAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("api/invoices/list", MiladyCloudJsonContext.Default.InvoiceList, cancellationToken, SiteRoute);

    /// <summary>Gets one invoice in full.</summary>
    /// <param name="invoiceId">The invoice id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice.</returns>
    /// <exception cref="ArgumentException"><paramref name="invoiceId"/> is not a UUID (the server would answer 500).</exception>
    public virtual async Task<Invoice> GetInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default)
    {
        var path = "api/invoices/" + RequestPath.UuidSegment(invoiceId, nameof(invoiceId));
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.InvoiceResponse, cancellationToken, SiteRoute).ConfigureAwait(false);
        return envelope.Invoice;
    }

    /// <summary>Gets the current price of each kind of operation (images, video, chat, voice).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Prices keyed by operation, such as <c>generate-image</c>.</returns>
    public virtual Task<PricingSummary> GetPricingAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("pricing/summary", MiladyCloudJsonContext.Default.PricingSummary, cancellationToken, SendFlags.SuccessFlagInBody);

    /// <summary>Gets the billing settings: auto top-up, paying from earnings, and the allowed ranges.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    public virtual async Task<BillingSettings> GetBillingSettingsAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("billing/settings", MiladyCloudJsonContext.Default.BillingSettingsResponse, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Settings;
    }

    /// <summary>Changes billing settings; fields left null stay as they are. Enabling auto top-up needs a saved payment method.</summary>
    /// <param name="update">At least one setting; amount 1-1000 and threshold 0-1000 USD.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings now in force (without the ranges).</returns>
    /// <exception cref="ArgumentException">Nothing to change, or a value is out of range.</exception>
    public virtual async Task<BillingSettings> UpdateBillingSettingsAsync(UpdateBillingSettingsRequest update, CancellationToken cancellationToken = default)
    {
        CreditsRequestValidator.Validate(update);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Put, "billing/settings", update, MiladyCloudJsonContext.Default.UpdateBillingSettingsRequest, MiladyCloudJsonContext.Default.UpdateBillingSettingsResponse, cancellationToken, SendFlags.SuccessFlagInBody).ConfigureAwait(false);
        return envelope.Settings;
    }

    /// <summary>
    /// Charges the saved payment method now when the balance is below the auto top-up threshold. When the balance is
    /// above it nothing is charged and a <see cref="MiladyCloudApiException"/> says so (the server answers 200 with
    /// <c>success:false</c>). Never retried automatically: the call moves money.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The amount added and the balances before and after.</returns>
    public virtual Task<AutoTopUpResult> TriggerAutoTopUpAsync(CancellationToken cancellationToken = default)
    {
        return Pipeline.SendJsonAsync(HttpMethod.Post, "api/auto-top-up/trigger", MiladyCloudJsonContext.Default.AutoTopUpResult, cancellationToken, SendFlags.NoRetry | SendFlags.SiteRoot | SendFlags.SuccessFlagInBody);
    }

    // The site routes report failure as success:false too.
    private const SendFlags SiteRoute = SendFlags.SiteRoot | SendFlags.SuccessFlagInBody;
}
