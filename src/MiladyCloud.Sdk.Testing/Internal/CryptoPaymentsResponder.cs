using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The crypto payment routes an API key reaches: status, the organization's payments and one payment. Starting a
/// payment needs a browser session, so the fake seeds two: one confirmed, one pending (which stays pending when read:
/// the fake has no payment processor to ask).
/// </summary>
internal sealed class CryptoPaymentsResponder
{
    private const string Prefix = "/api/crypto/payments/";
    private static readonly string[] Tokens = ["USDT", "USDC", "BTC", "ETH", "BNB", "TRX", "SOL"];
    private static readonly (string Id, string Name)[] Networks =
        [("ERC20", "Ethereum"), ("TRC20", "Tron"), ("BEP20", "BNB Smart Chain"), ("POLYGON", "Polygon"), ("SOL", "Solana"), ("BASE", "Base"), ("ARB", "Arbitrum"), ("OP", "Optimism")];

    private readonly List<Payment> _payments;

    public CryptoPaymentsResponder(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        _payments =
        [
            new(FakeFormat.NewId(), "pending", "25.00", null, "25.00", "TRC20", "USDT", null, now.AddMinutes(-5), null),
            new(FakeFormat.NewId(), "confirmed", "10.00", "10.00", "10.00", "ERC20", "USDC", "0x" + FakeFormat.Hex(32), now.AddDays(-2), now.AddDays(-2).AddMinutes(3)),
        ];
    }

    /// <summary>The status handler reads no credential: whatever credential gets past the edge, it answers.</summary>
    public static bool ReadsNoCredential(string method, string path) => method == "GET" && path == "/api/crypto/status";

    /// <summary>
    /// The payment handlers catch a refused credential with every other failure and answer their generic 500 (the edge
    /// only refuses a request that carries no credential at all).
    /// </summary>
    public static FakeResponse? CredentialRefused(string method, string path)
    {
        if (method != "GET")
        {
            return null;
        }

        var message = path == "/api/crypto/payments" ? "Failed to retrieve payments"
            : path.StartsWith(Prefix, StringComparison.Ordinal) ? "Failed to get payment status"
            : null;
        return message is null ? null : FakeResponse.Json(JsonText.Object(w => w.WriteString("error", message)), HttpStatusCode.InternalServerError);
    }

    public FakeResponse? Route(FakeCall call) => (call.Method, call.Path) switch
    {
        ("GET", "/api/crypto/status") => Status(),
        ("GET", "/api/crypto/payments") => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("payments");
            foreach (var payment in _payments)
            {
                Write(w, payment, confirmed: null);
            }

            w.WriteEndArray();
        })),
        ("GET", _) when call.Path.StartsWith(Prefix, StringComparison.Ordinal) && !call.Path[Prefix.Length..].Contains('/') => Get(call.Path[Prefix.Length..]),
        _ => null,
    };

    private static FakeResponse Status() => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("enabled", true);
        FakeFormat.WriteStrings(w, "supportedTokens", Tokens);
        w.WriteStartArray("networks");
        foreach (var (id, name) in Networks)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("isTestnet", true);
    }));

    private FakeResponse Get(string id)
    {
        if (!Guid.TryParse(Uri.UnescapeDataString(id), out _))
        {
            return FakeFormat.PlainError(HttpStatusCode.BadRequest, "Invalid payment ID");
        }

        var payment = _payments.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
        return payment is null
            ? FakeFormat.PlainError(HttpStatusCode.NotFound, "Payment not found")
            : FakeResponse.Json(JsonText.Write(w => Write(w, payment, payment.Status == "confirmed")));
    }

    private static void Write(Utf8JsonWriter w, Payment p, bool? confirmed)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("trackId", p.TrackId);
        w.WriteString("status", p.Status);
        w.WriteString("expectedAmount", p.Expected);
        if (p.Received is not null)
        {
            w.WriteString("receivedAmount", p.Received);
        }

        w.WriteString("creditsToAdd", p.Credits);
        w.WriteString("network", p.Network);
        w.WriteString("token", p.Token);
        w.WriteString("payLink", "https://pay.fake.invalid/" + p.TrackId);
        if (p.TransactionHash is not null)
        {
            w.WriteString("transactionHash", p.TransactionHash);
        }

        w.WriteString("expiresAt", FakeFormat.Iso(p.CreatedAt.AddMinutes(30)));
        w.WriteString("createdAt", FakeFormat.Iso(p.CreatedAt));
        if (p.ConfirmedAt is { } at)
        {
            w.WriteString("confirmedAt", FakeFormat.Iso(at));
        }

        if (confirmed is { } c)
        {
            w.WriteBoolean("confirmed", c);
        }

        w.WriteEndObject();
    }

    private sealed record Payment(string Id, string Status, string Expected, string? Received, string Credits, string Network, string Token, string? TransactionHash, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt)
    {
        public string TrackId { get; } = FakeFormat.Digits(9);
    }
}
