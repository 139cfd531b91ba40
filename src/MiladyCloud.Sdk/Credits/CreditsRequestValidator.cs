using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Checks credit and billing requests against the server's limits before anything is sent.</summary>
internal static class CreditsRequestValidator
{
    public static void Validate(CreditCheckoutRequest checkout)
    {
        ArgumentNullException.ThrowIfNull(checkout);
        Range(checkout.Credits, 1, 1000, "credits");
        AbsoluteHttpUrl(checkout.SuccessUrl, "success_url");
        AbsoluteHttpUrl(checkout.CancelUrl, "cancel_url");
    }

    public static void Validate(UpdateBillingSettingsRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var autoTopUp = update.AutoTopUp;
        var hasAutoTopUpChange = autoTopUp is not null && (autoTopUp.Enabled is not null || autoTopUp.Amount is not null || autoTopUp.Threshold is not null);
        if (!hasAutoTopUpChange && update.PayAsYouGoFromEarnings is null)
        {
            throw new ArgumentException("Set at least one billing setting to change.", nameof(update));
        }

        Range(autoTopUp?.Amount, 1, 1000, "autoTopUp.amount");
        Range(autoTopUp?.Threshold, 0, 1000, "autoTopUp.threshold");
    }

    private static void Range(decimal? value, decimal min, decimal max, string field)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ArgumentException($"{field} must be between {min} and {max} USD (was {v}).", field);
        }
    }

    private static void AbsoluteHttpUrl(string? value, string field)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{field} must be an absolute http(s) URL.", field);
        }
    }
}
