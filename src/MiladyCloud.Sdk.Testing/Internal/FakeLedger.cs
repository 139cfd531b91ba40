namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The organization's money: the balance (kept in <see cref="FakeReplies.CreditBalance"/> so tests can set it), the
/// credit ledger and the invoices of purchases. Shared by the credits routes and the routes that spend credits.
/// </summary>
internal sealed class FakeLedger(FakeReplies replies, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly List<Invoice> _invoices = [];

    public decimal Balance
    {
        get
        {
            lock (_gate)
            {
                return replies.CreditBalance;
            }
        }
    }

    /// <summary>A paid purchase (checkout or auto top-up): credits, a ledger entry with its payment intent, and a paid invoice.</summary>
    public Invoice Purchase(decimal amount, string description, string invoiceType)
    {
        var now = clock.GetUtcNow();
        var paymentIntent = "pi_test_" + FakeFormat.Hex(12);
        lock (_gate)
        {
            replies.CreditBalance += amount;
            _entries.Add(new Entry(FakeFormat.NewId(), amount, "credit", description, paymentIntent, null, now));
            var invoice = new Invoice(FakeFormat.NewId(), "in_test_" + FakeFormat.Hex(12), paymentIntent, amount, invoiceType, $"FAKE-{_invoices.Count + 1:0000}", now);
            _invoices.Add(invoice);
            return invoice;
        }
    }

    /// <summary>Takes <paramref name="amount"/> when the balance covers <paramref name="reserve"/> (the server reserves more than it charges).</summary>
    public bool TryDebit(decimal amount, decimal reserve, string description, string? model)
    {
        lock (_gate)
        {
            if (replies.CreditBalance < reserve)
            {
                return false;
            }

            replies.CreditBalance -= amount;
            _entries.Add(new Entry(FakeFormat.NewId(), -amount, "debit", description, null, model, clock.GetUtcNow()));
            return true;
        }
    }

    /// <summary>The entries, newest first.</summary>
    public List<Entry> Entries()
    {
        lock (_gate)
        {
            return _entries.AsEnumerable().Reverse().ToList();
        }
    }

    /// <summary>The invoices, newest first.</summary>
    public List<Invoice> Invoices()
    {
        lock (_gate)
        {
            return _invoices.AsEnumerable().Reverse().ToList();
        }
    }

    public sealed record Entry(string Id, decimal Amount, string Type, string Description, string? PaymentIntentId, string? Model, DateTimeOffset CreatedAt);

    public sealed record Invoice(string Id, string StripeInvoiceId, string PaymentIntentId, decimal Amount, string Type, string Number, DateTimeOffset CreatedAt);
}
