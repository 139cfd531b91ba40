using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Escape;

/// <summary>The escape hatch for routes without a typed method: same credentials, retries and error mapping.</summary>
public class SendAsyncTests
{
    [Test]
    public async Task A_GET_returns_the_JSON_with_credentials_sent()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/credits/balance").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"balance":12.5}"""));

        var json = await api.Client.SendAsync(HttpMethod.Get, "credits/balance");

        Assert.That(json.GetProperty("balance").GetDecimal(), Is.EqualTo(12.5m));
        Assert.That(api.SingleRequest().RequestMessage!.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
    }

    [Test]
    public async Task A_POST_sends_the_body_and_query_as_given()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"ok":true}"""));

        await api.Client.SendAsync(HttpMethod.Post, "apps/check-name?x=1", JsonDocument.Parse("""{"name":"demo"}""").RootElement);

        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Path, Is.EqualTo("/api/v1/apps/check-name"));
        Assert.That(sent.RawQuery, Is.EqualTo("?x=1"));
        Assert.That(sent.Body, Is.EqualTo("""{"name":"demo"}"""));
        Assert.That(sent.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
    }

    [Test]
    public async Task Site_routes_are_reached_from_the_site_root()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"success":true,"data":[]}"""));

        await api.Client.SendAsync(HttpMethod.Get, "api/my-agents/characters", route: MiladyCloudRoute.Site);

        Assert.That(api.SingleRequest().RequestMessage!.Path, Is.EqualTo("/api/my-agents/characters"));
    }

    [Test]
    public void Errors_and_success_false_bodies_are_typed()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/missing").UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"success":false,"error":"Not found","code":"resource_not_found"}"""));
        api.Server.Given(Request.Create().WithPath("/api/v1/credits/verify").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"success":false,"error":"Payment not completed"}"""));

        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => api.Client.SendAsync(HttpMethod.Get, "missing"));
        var ex = Assert.ThrowsAsync<MiladyCloudApiException>(() => api.Client.SendAsync(HttpMethod.Get, "credits/verify"));
        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.ServerMessage, Is.EqualTo("Payment not completed"));
    }

    [TestCase("https://evil.example.com/steal")]
    [TestCase("//evil.example.com/steal")]
    [TestCase("../../admin")]
    [TestCase("apps/%2E%2E/admin")]
    [TestCase("apps\r\nX-Injected: 1")]
    [TestCase(" ")]
    public void Paths_that_could_leave_the_root_are_refused_before_sending(string path)
    {
        using var api = new FakeApi();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.Client.SendAsync(HttpMethod.Get, path));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }
}
