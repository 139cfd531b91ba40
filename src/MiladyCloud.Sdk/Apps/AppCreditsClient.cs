using MiladyCloud.Sdk.Internal;

using MiladyCloud.Sdk.Internal.Paging;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Credits the users of an app buy and spend inside that app (<c>/app-credits</c>): the caller's balance in an app, a
/// Stripe checkout to buy more, and its verification. Amounts are US dollars. Obtain it from
/// <see cref="AppsClient.Credits"/>.
/// </summary>
/// <remarks>
/// The buyer is always the caller (the user of the API key or session). An app that sells credits to its own users calls
/// these routes with each user's credentials, not with the app's key.
/// </remarks>
public class AppCreditsClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected AppCreditsClient()
    {
    }

    internal AppCreditsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Gets the caller's balance in an app; the server creates a zero balance on the first read.</summary>
    /// <param name="appId">The app id (a UUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance, totals and whether it is low (below 5 USD).</returns>
    /// <exception cref="ArgumentException"><paramref name="appId"/> is not a UUID (the server would fail with a 500).</exception>
    /// <exception cref="MiladyCloudUnauthorizedException">The credentials were refused (<c>Authentication required</c>).</exception>
    public virtual Task<AppCreditBalance> GetBalanceAsync(string appId, CancellationToken cancellationToken = default)
    {
        RequestPath.UuidSegment(appId, nameof(appId));
        var path = new QueryString().Add("app_id", appId).AppendTo("app-credits/balance");
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppCreditBalance, cancellationToken);
    }

    /// <summary>
    /// Creates a Stripe checkout for buying credits in an app; send the buyer to
    /// <see cref="AppCreditCheckoutSession.Url"/>. The server appends <c>session_id={CHECKOUT_SESSION_ID}</c> to the
    /// success URL; pass that id to <see cref="VerifyCheckoutAsync"/>. Each call creates another session.
    /// </summary>
    /// <param name="checkout">App, amount (1-10,000 USD) and the two redirect URLs (on the platform's origins, the app's URL or its allowed origins).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkout URL and session id.</returns>
    /// <exception cref="ArgumentException">
    /// The app id is not a UUID, the amount is out of range or its cents are not whole when computed as the server
    /// computes them (amount x 100 in floating point; 19.99 gives 1998.9999..., which the payment provider refuses), or a
    /// URL is not an absolute http(s) URL.
    /// </exception>
    /// <exception cref="MiladyCloudInvalidRequestException">The server refused the body or a redirect URL's origin (400).</exception>
    /// <exception cref="MiladyCloudNotFoundException">The app does not exist (<c>App not found</c>).</exception>
    public virtual Task<AppCreditCheckoutSession> CreateCheckoutAsync(AppCreditCheckoutRequest checkout, CancellationToken cancellationToken = default)
    {
        Validate(checkout);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "app-credits/checkout", checkout, MiladyCloudJsonContext.Default.AppCreditCheckoutRequest, MiladyCloudJsonContext.Default.AppCreditCheckoutSession, cancellationToken);
    }

    /// <summary>
    /// Verifies a checkout session and adds its credits to the caller's app balance. Safe to repeat: a session already
    /// credited (here or by the payment webhook) answers success again without crediting twice. A session that is not
    /// paid, is not an app-credit purchase or lacks its metadata raises a <see cref="MiladyCloudApiException"/> (the
    /// server answers it with status 200 and <c>success:false</c>; <see cref="MiladyCloudApiException.RawBody"/> carries
    /// the payment <c>status</c>).
    /// </summary>
    /// <param name="sessionId">The checkout session id (<c>cs_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The amount credited.</returns>
    /// <exception cref="ArgumentException"><paramref name="sessionId"/> is empty.</exception>
    /// <exception cref="MiladyCloudForbiddenException">The session belongs to another user or organization.</exception>
    /// <exception cref="MiladyCloudInternalServerErrorException">The payment provider does not know the session (the server answers 500, not 404).</exception>
    public virtual Task<AppCreditCheckoutVerification> VerifyCheckoutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var path = new QueryString().Add("session_id", sessionId).AppendTo("app-credits/verify");
        return Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.AppCreditCheckoutVerification, cancellationToken, SendFlags.SuccessFlagInBody);
    }

    private static void Validate(AppCreditCheckoutRequest checkout)
    {
        ArgumentNullException.ThrowIfNull(checkout);
        RequestPath.UuidSegment(checkout.AppId, "app_id");
        if (checkout.Amount is < 1 or > 10_000)
        {
            throw new ArgumentException($"amount must be between 1 and 10,000 USD (was {checkout.Amount}).", nameof(checkout));
        }

        // The server sends Stripe amount * 100 computed in JavaScript numbers; a fraction there is refused by Stripe.
        var cents = (double)checkout.Amount * 100;
        if (cents != Math.Floor(cents))
        {
            throw new ArgumentException($"amount {checkout.Amount} cannot be charged: the server computes its cents as {cents.ToString(System.Globalization.CultureInfo.InvariantCulture)}, which the payment provider refuses. Use whole dollars or an amount such as 10.5.", nameof(checkout));
        }

        AbsoluteHttpUrl(checkout.SuccessUrl, "success_url");
        AbsoluteHttpUrl(checkout.CancelUrl, "cancel_url");
    }

    private static void AbsoluteHttpUrl(string? value, string field)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{field} must be an absolute http(s) URL.", field);
        }
    }
}
