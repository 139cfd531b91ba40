using System.Globalization;

namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the server sends credit_balance as text ("50.000000"); this reads it as a number.
public partial class UserOrganization
{
    /// <summary>
    /// <see cref="CreditBalance"/> as a number of US dollars, or <see langword="null"/> when absent or not a number.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? CreditBalanceAmount
        => decimal.TryParse(CreditBalance, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
}
