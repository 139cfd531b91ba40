using MiladyCloud.Sdk.Internal;

using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Credit purchases paid in crypto (<c>/api/crypto</c>, outside <c>/api/v1</c>): whether the service takes them, the
/// organization's payments and one payment's state. Obtain it from <see cref="CreditsClient.Crypto"/>.
/// </summary>
/// <remarks>
/// Starting a payment and confirming it by transaction hash need a browser session; the service refuses API keys there,
/// so they are not part of the SDK.
/// </remarks>
public class CryptoPaymentsClient : CategoryClient
{
    private const string Payments = "api/crypto/payments";

    /// <summary>For mocking frameworks.</summary>
    protected CryptoPaymentsClient()
    {
    }

    internal CryptoPaymentsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets whether crypto payments are available, and which tokens and networks they take.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    public virtual Task<CryptoPaymentsStatus> GetStatusAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("api/crypto/status", MiladyCloudJsonContext.Default.CryptoPaymentsStatus, cancellationToken, SendFlags.SiteRoot);

    /// <summary>Lists every crypto payment of the organization, newest first (the service does not page them).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payments.</returns>
    /// <exception cref="MiladyCloudInternalServerErrorException">Any failure, a refused API key included: the route answers them all with 500 <c>Failed to retrieve payments</c>.</exception>
    public virtual async Task<IReadOnlyList<CryptoPayment>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await Pipeline.GetJsonAsync(Payments, MiladyCloudJsonContext.Default.CryptoPaymentList, cancellationToken, SendFlags.SiteRoot).ConfigureAwait(false);
        return list.Payments.ToList();
    }

    /// <summary>
    /// Gets one payment. Reading a pending payment makes the service ask its payment processor: the payment may come back
    /// confirmed (the organization is credited, once) or expired. Poll this to follow a payment.
    /// </summary>
    /// <param name="paymentId">The payment id (a UUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payment, with <see cref="CryptoPayment.Confirmed"/> set.</returns>
    /// <exception cref="ArgumentException"><paramref name="paymentId"/> is not a UUID.</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such payment (<c>Payment not found</c>).</exception>
    /// <exception cref="MiladyCloudForbiddenException">The payment belongs to another organization.</exception>
    /// <exception cref="MiladyCloudInternalServerErrorException">Any other failure, a refused API key included (<c>Failed to get payment status</c>).</exception>
    public virtual Task<CryptoPayment> GetAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var path = Payments + "/" + RequestPath.UuidSegment(paymentId, nameof(paymentId));
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.CryptoPayment, cancellationToken, SendFlags.SiteRoot);
    }
}
