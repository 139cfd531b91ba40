using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Credits;

public class CryptoPaymentsClientTests
{
    private const string PaymentId = "5e0b7c1a-2d3e-4f50-8a6b-7c8d9e0f1a2b";
    private const string Pending = """
        {"id":"5e0b7c1a-2d3e-4f50-8a6b-7c8d9e0f1a2b","trackId":"123456789","status":"pending","expectedAmount":"25.000000",
         "creditsToAdd":"25.00","network":"TRC20","token":"USDT","payLink":"https://pay.example/123456789",
         "expiresAt":"2026-04-27T11:00:00.000Z","createdAt":"2026-04-27T10:30:00.000Z"}
        """;

    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    private void Respond(string path, string body, int status = 200) =>
        _api.Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private WireMock.IRequestMessage Sent() => _api.SingleRequest().RequestMessage!;

    [Test]
    public async Task GetStatusAsync_reads_the_site_root_route()
    {
        Respond("/api/crypto/status", """{"enabled":true,"supportedTokens":["USDT","BTC"],"networks":[{"id":"ERC20","name":"Ethereum"}],"isTestnet":false}""");

        var status = await _api.Client.Credits.Crypto.GetStatusAsync();

        Assert.That(Sent().AbsolutePath, Is.EqualTo("/api/crypto/status"));
        Assert.That(Sent().Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        Assert.That((status.Enabled, status.IsTestnet), Is.EqualTo((true, false)));
        Assert.That(status.SupportedTokens, Is.EqualTo(new[] { "USDT", "BTC" }));
        Assert.That(status.Networks.Select(n => (n.Id, n.Name)), Is.EqualTo(new[] { ("ERC20", "Ethereum") }));
    }

    [Test]
    public async Task ListAsync_maps_every_field_and_leaves_absent_ones_null()
    {
        Respond("/api/crypto/payments", $$"""
            {"payments":[{{Pending}},
             {"id":"6f","trackId":"","status":"confirmed","expectedAmount":"10","receivedAmount":"10.5","creditsToAdd":"10","network":"ERC20","token":"USDC",
              "transactionHash":"0xabc","expiresAt":"2026-04-25T11:00:00.000Z","createdAt":"2026-04-25T10:30:00.000Z","confirmedAt":"2026-04-25T10:33:00.000Z"}]}
            """);

        var payments = await _api.Client.Credits.Crypto.ListAsync();

        Assert.That(Sent().AbsolutePath, Is.EqualTo("/api/crypto/payments"));
        var (pending, confirmed) = (payments[0], payments[1]);
        Assert.Multiple(() =>
        {
            Assert.That((pending.Id, pending.TrackId, pending.Status, pending.ExpectedAmount, pending.ReceivedAmount, pending.CreditsToAdd),
                Is.EqualTo((PaymentId, "123456789", CryptoPaymentState.Pending, "25.000000", (string?)null, "25.00")));
            Assert.That((pending.Network, pending.Token, pending.PayLink, pending.TransactionHash, pending.ExpiresAt, pending.CreatedAt, pending.ConfirmedAt, pending.Confirmed),
                Is.EqualTo(("TRC20", "USDT", "https://pay.example/123456789", (string?)null, "2026-04-27T11:00:00.000Z", "2026-04-27T10:30:00.000Z", (string?)null, (bool?)null)));
            Assert.That((confirmed.Status, confirmed.ReceivedAmount, confirmed.TransactionHash, confirmed.ConfirmedAt, confirmed.PayLink),
                Is.EqualTo((CryptoPaymentState.Confirmed, "10.5", "0xabc", "2026-04-25T10:33:00.000Z", (string?)null)));
        });
    }

    [Test]
    public async Task GetAsync_reads_one_payment_with_its_confirmation()
    {
        Respond("/api/crypto/payments/" + PaymentId, Pending.TrimEnd().TrimEnd('}') + ""","confirmed":false}""");

        var payment = await _api.Client.Credits.Crypto.GetAsync(PaymentId);

        Assert.That(Sent().AbsolutePath, Is.EqualTo("/api/crypto/payments/" + PaymentId));
        Assert.That((payment.Id, payment.Status, payment.Confirmed), Is.EqualTo((PaymentId, CryptoPaymentState.Pending, (bool?)false)));
    }

    [TestCase("not-a-uuid")]
    [TestCase("../status")]
    public void GetAsync_refuses_a_non_uuid_before_sending(string id)
    {
        Assert.CatchAsync<ArgumentException>(() => _api.Client.Credits.Crypto.GetAsync(id));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase(400, "Invalid payment ID", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(403, "Unauthorized", typeof(MiladyCloudForbiddenException))]
    [TestCase(404, "Payment not found", typeof(MiladyCloudNotFoundException))]
    [TestCase(500, "Failed to get payment status", typeof(MiladyCloudInternalServerErrorException))]
    public void GetAsync_maps_each_error_body(int status, string message, Type expected)
    {
        Respond("/api/crypto/payments/" + PaymentId, $$"""{"error":"{{message}}"}""", status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Credits.Crypto.GetAsync(PaymentId));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.Message, Does.Contain(message));
    }

    [TestCase(404, "Organization not found", typeof(MiladyCloudNotFoundException))]
    [TestCase(500, "Failed to retrieve payments", typeof(MiladyCloudInternalServerErrorException))]
    [TestCase(401, "Unauthorized", typeof(MiladyCloudUnauthorizedException))]
    public void ListAsync_maps_each_error_body(int status, string message, Type expected)
    {
        Respond("/api/crypto/payments", status == 401 ? """{"success":false,"error":"Unauthorized","code":"authentication_required"}""" : $$"""{"error":"{{message}}"}""", status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Credits.Crypto.ListAsync());

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(ex.Message, Does.Contain(message));
    }
}
