using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Filter and window of <see cref="AppEarningsClient.ListHistoryAsync"/> and <see cref="AppEarningsClient.ListAllHistoryAsync"/>;
/// members left <see langword="null"/> use the server defaults.
/// </summary>
public class AppEarningsHistoryListOptions
{
    /// <summary>The largest window the server returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>
    /// Only entries of this kind (<see cref="AppEarningsTransactionType.InferenceMarkup"/>, <see cref="AppEarningsTransactionType.PurchaseShare"/>,
    /// <see cref="AppEarningsTransactionType.Withdrawal"/> or <see cref="AppEarningsTransactionType.Adjustment"/>); every kind when <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// The server does not page a filtered history: with a type it ignores <see cref="Offset"/> and answers the newest
    /// entries. <see cref="AppEarningsClient.ListAllHistoryAsync"/> therefore walks the unfiltered history and keeps the
    /// entries of this type.
    /// </remarks>
    public AppEarningsTransactionType? Type { get; set; }

    /// <summary>Entries per window, 1 to <see cref="MaxLimit"/>; the server's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>
    /// Entries to skip (of every kind), from 0; the server's default is 0. <see cref="AppEarningsClient.ListAllHistoryAsync"/>
    /// starts here.
    /// </summary>
    public int? Offset { get; set; }
}
