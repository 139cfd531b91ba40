using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppCreditsClientTests
{
    private const string AppId = "7d8f6e5a-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    private void Respond(string path, string method, string body, int status = 200) =>
        _api.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private WireMock.IRequestMessage Sent() => _api.SingleRequest().RequestMessage!;

    private static AppCreditCheckoutRequest Checkout(decimal amount = 25, string success = "https://myapp.example/ok", string cancel = "https://myapp.example/cancel")
        => new() { AppId = AppId, Amount = amount, SuccessUrl = success, CancelUrl = cancel };

    [Test]
    public async Task GetBalanceAsync_sends_the_app_id_and_maps_the_balance()
    {
        Respond("/api/v1/app-credits/balance", "GET", """{"success":true,"balance":3.5,"totalPurchased":10,"totalSpent":6.5,"isLow":true}""");

        var balance = await _api.Client.Apps.Credits.GetBalanceAsync(AppId);

        Assert.That(Sent().Query!["app_id"].Single(), Is.EqualTo(AppId));
        Assert.That((balance.Success, balance.Balance, balance.TotalPurchased, balance.TotalSpent, balance.IsLow), Is.EqualTo((true, 3.5m, 10m, 6.5m, true)));
    }

    [TestCase("not-a-uuid")]
    [TestCase("")]
    public void GetBalanceAsync_refuses_a_non_uuid_before_sending(string appId)
    {
        Assert.CatchAsync<ArgumentException>(() => _api.Client.Apps.Credits.GetBalanceAsync(appId));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase(400, "app_id is required", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(401, "Authentication required", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(500, "Failed to get balance", typeof(MiladyCloudInternalServerErrorException))]
    public void GetBalanceAsync_maps_the_success_flag_errors(int status, string message, Type expected)
    {
        Respond("/api/v1/app-credits/balance", "GET", $$"""{"success":false,"error":"{{message}}"}""", status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Credits.GetBalanceAsync(AppId));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.RawBody, Does.Contain(message));
    }

    [Test]
    public async Task CreateCheckoutAsync_posts_the_snake_case_body_and_maps_the_session()
    {
        Respond("/api/v1/app-credits/checkout", "POST", """{"success":true,"url":"https://checkout.stripe.com/c/pay/cs_1","sessionId":"cs_1"}""");

        var session = await _api.Client.Apps.Credits.CreateCheckoutAsync(Checkout(10.5m));

        Assert.That((session.Success, session.Url, session.SessionId), Is.EqualTo((true, "https://checkout.stripe.com/c/pay/cs_1", "cs_1")));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(),
            Is.EqualTo($$"""{"app_id":"{{AppId}}","amount":10.5,"success_url":"https://myapp.example/ok","cancel_url":"https://myapp.example/cancel"}"""));
    }

    [TestCase(0.99)]
    [TestCase(10000.01)]
    [TestCase(19.99)] // 19.99 * 100 is 1998.9999999999998 in the server's arithmetic: Stripe would refuse it.
    public void CreateCheckoutAsync_refuses_amounts_the_server_cannot_charge(double amount)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Credits.CreateCheckoutAsync(Checkout((decimal)amount)));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void CreateCheckoutAsync_refuses_bad_ids_and_urls_before_sending()
    {
        var credits = _api.Client.Apps.Credits;
        Assert.CatchAsync<ArgumentException>(() => credits.CreateCheckoutAsync(new AppCreditCheckoutRequest { AppId = "app-1", Amount = 5, SuccessUrl = "https://a.example", CancelUrl = "https://a.example" }));
        Assert.ThrowsAsync<ArgumentException>(() => credits.CreateCheckoutAsync(Checkout(success: "/relative")));
        Assert.ThrowsAsync<ArgumentException>(() => credits.CreateCheckoutAsync(Checkout(cancel: "ftp://a.example/x")));
        Assert.ThrowsAsync<ArgumentNullException>(() => credits.CreateCheckoutAsync(null!));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase(400, """{"success":false,"error":"Invalid request","details":{"_errors":[],"amount":{"_errors":["Too small"]}}}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(400, """{"success":false,"error":"Invalid success_url"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(404, """{"success":false,"error":"App not found"}""", typeof(MiladyCloudNotFoundException))]
    [TestCase(401, """{"success":false,"error":"Invalid or expired API key","code":"authentication_required"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(500, """{"success":false,"error":"An unexpected error occurred","code":"internal_error"}""", typeof(MiladyCloudInternalServerErrorException))]
    public void CreateCheckoutAsync_maps_each_error_body(int status, string body, Type expected)
    {
        Respond("/api/v1/app-credits/checkout", "POST", body, status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Credits.CreateCheckoutAsync(Checkout()));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.RawBody, Is.EqualTo(body));
    }

    [Test]
    public async Task VerifyCheckoutAsync_sends_the_escaped_session_and_maps_the_credit()
    {
        Respond("/api/v1/app-credits/verify", "GET", """{"success":true,"amount":25,"message":"Credits added successfully"}""");

        var verified = await _api.Client.Apps.Credits.VerifyCheckoutAsync("cs_1 &x");

        Assert.That(Sent().Query!["session_id"].Single(), Is.EqualTo("cs_1 &x"));
        Assert.That((verified.Success, verified.Amount, verified.Message), Is.EqualTo((true, (decimal?)25m, "Credits added successfully")));
    }

    [TestCase("""{"success":false,"error":"Payment not completed","status":"unpaid"}""", "Payment not completed")]
    [TestCase("""{"success":false,"error":"Invalid session type"}""", "Invalid session type")]
    [TestCase("""{"success":false,"error":"Invalid session metadata"}""", "Invalid session metadata")]
    public void VerifyCheckoutAsync_raises_a_200_with_success_false(string body, string message)
    {
        Respond("/api/v1/app-credits/verify", "GET", body);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Credits.VerifyCheckoutAsync("cs_1"));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.Message, Does.Contain(message));
        Assert.That(ex.RawBody, Is.EqualTo(body));
    }

    [TestCase(403, """{"success":false,"error":"Forbidden"}""", typeof(MiladyCloudForbiddenException))]
    [TestCase(400, """{"success":false,"error":"Missing payment intent"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(500, """{"success":false,"error":"An unexpected error occurred","code":"internal_error"}""", typeof(MiladyCloudInternalServerErrorException))]
    public void VerifyCheckoutAsync_maps_each_error_body(int status, string body, Type expected)
    {
        Respond("/api/v1/app-credits/verify", "GET", body, status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Credits.VerifyCheckoutAsync("cs_1"));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.RawBody, Is.EqualTo(body));
    }

    [Test]
    public void VerifyCheckoutAsync_refuses_an_empty_session_before_sending()
    {
        Assert.CatchAsync<ArgumentException>(() => _api.Client.Apps.Credits.VerifyCheckoutAsync(" "));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }
}
