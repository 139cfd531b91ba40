using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MiladyCloud.Sdk.Tests.Security;

/// <summary>The key never leaks: not in text, not over plain HTTP, not to another host, not through header injection.</summary>
public class CredentialSafetyTests
{
    [Test]
    public void Options_ToString_never_shows_the_key()
    {
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey };

        Assert.That(options.ToString(), Does.Not.Contain(FakeApi.ApiKey[6..20]).And.Contain("***"));
    }

    [Test]
    public void Plain_http_is_refused_for_anything_but_loopback()
    {
        var remote = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = new Uri("http://cloud.milady.ai/api/v1") };
        var loopback = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = new Uri("http://127.0.0.1:5000/api/v1") };

        var ex = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(remote));
        Assert.That(ex!.Message, Does.Contain("must use https"));
        Assert.DoesNotThrow(() => new MiladyCloudClient(loopback).Dispose());
    }

    [Test]
    public async Task Plain_http_off_loopback_needs_the_explicit_opt_in()
    {
        var handler = RecordingHandler.Json("""{"object":"list","data":[]}""");
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = new Uri("http://gateway.internal/api/v1"), AllowInsecureHttp = true };
        using var client = new MiladyCloudClient(new HttpClient(handler), options);

        await client.Models.ListAsync(useCache: false);

        Assert.That(handler.Requests.Single().RequestUri, Is.EqualTo(new Uri("http://gateway.internal/api/v1/models")));
        var refused = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = new Uri("http://gateway.internal/api/v1") }));
        Assert.That(refused!.Message, Does.Contain("AllowInsecureHttp = true"));
    }

    [TestCase("eliza_abc\r\nX-Evil: 1")]
    [TestCase("eliza_abc\nX-Evil: 1")]
    public void A_key_with_a_line_break_is_refused_before_anything_is_sent(string key)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key }));

        Assert.That(ex!.Message, Does.Contain("line break").And.Not.Contain("X-Evil"));
    }

    [Test]
    public void Missing_settings_are_reported_together_with_what_to_fix()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(new MiladyCloudClientOptions
        {
            ApiKey = null,
            MaxRetries = -1,
            StreamIdleTimeout = TimeSpan.Zero,
        }));

        Assert.That(ex!.Message, Does.Contain("Set ApiKey").And.Contain("MaxRetries must be between 0 and 10").And.Contain("StreamIdleTimeout must be positive"));
    }

    [Test]
    public async Task A_redirect_is_not_followed_so_the_key_never_reaches_the_other_host()
    {
        using var api = new FakeApi();
        using var elsewhere = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"object":"list","data":[]}"""));
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", elsewhere.Url + "/api/v1/models"));

        var ex = Assert.ThrowsAsync<MiladyCloudApiException>(() => api.Client.Models.ListAsync());

        Assert.That((int)ex!.StatusCode, Is.EqualTo(302));
        Assert.That(elsewhere.LogEntries, Is.Empty);
        await Task.CompletedTask;
    }

    [Test]
    public void Exceptions_built_from_server_text_never_carry_the_key()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(401)
            .WithBody("""{"error":{"message":"Key KEY is invalid","type":"authentication_error"}}""".Replace("KEY", FakeApi.ApiKey, StringComparison.Ordinal)));

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => api.Client.Models.ListAsync());

        Assert.That(ex!.ToString(), Does.Not.Contain(FakeApi.ApiKey[6..]));
        Assert.That(ex.RawBody, Does.Not.Contain(FakeApi.ApiKey[6..]));
    }

    [TestCase(MiladyCloudAuthentication.Bearer, true, false)]
    [TestCase(MiladyCloudAuthentication.ApiKeyHeader, false, true)]
    [TestCase(MiladyCloudAuthentication.Both, true, true)]
    public async Task The_key_goes_in_the_chosen_header(MiladyCloudAuthentication mode, bool bearer, bool apiKeyHeader)
    {
        using var api = new FakeApi(o => o.Authentication = mode);
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"object":"list","data":[]}"""));

        await api.Client.Models.ListAsync();

        var headers = api.SingleRequest().RequestMessage!.Headers!;
        Assert.That(headers.ContainsKey("Authorization"), Is.EqualTo(bearer));
        Assert.That(headers.ContainsKey("X-API-Key"), Is.EqualTo(apiKeyHeader));
        if (apiKeyHeader)
        {
            Assert.That(headers["X-API-Key"].Single(), Is.EqualTo(FakeApi.ApiKey));
        }
    }

    [Test]
    public async Task A_session_token_is_sent_as_the_session_cookie_and_never_shown()
    {
        using var api = new FakeApi(o => o.SessionToken = "session-jwt-value");
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"object":"list","data":[]}"""));

        await api.Client.Models.ListAsync();

        Assert.That(api.SingleRequest().RequestMessage!.Headers!["Cookie"].Single(), Is.EqualTo("privy-token=session-jwt-value"));
        Assert.That(api.Options.ToString(), Does.Not.Contain("session-jwt-value"));
        Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(new MiladyCloudClientOptions { SessionToken = "a;b=c" }));
    }

    // Steward signs its session tokens with HS256 (the only algorithm the server accepts from it); Privy's are ES256.
    [TestCase("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.c2ln", MiladyCloudSessionCookie.Auto, "steward-token")]
    [TestCase("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.c2ln", MiladyCloudSessionCookie.Auto, "privy-token")]
    [TestCase("opaque-session-value", MiladyCloudSessionCookie.Auto, "privy-token")]
    [TestCase("opaque-session-value", MiladyCloudSessionCookie.Steward, "steward-token")]
    [TestCase("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.c2ln", MiladyCloudSessionCookie.Privy, "privy-token")]
    public async Task The_session_cookie_is_named_for_the_kind_of_token(string token, MiladyCloudSessionCookie cookie, string expectedName)
    {
        // The edge verifies a privy-token with Privy and lets a lone steward-token through: one name, never both.
        using var api = new FakeApi(o =>
        {
            o.SessionToken = token;
            o.SessionCookie = cookie;
        });
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"object":"list","data":[]}"""));

        await api.Client.Models.ListAsync();

        Assert.That(api.SingleRequest().RequestMessage!.Headers!["Cookie"].Single(), Is.EqualTo(expectedName + "=" + token));
    }

    [TestCase("Key 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef is invalid")]
    [TestCase("Key Eliza_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef is invalid")]
    public void A_key_echoed_without_its_prefix_is_masked_too(string echoed)
    {
        var ex = MiladyCloud.Sdk.Internal.ErrorResponseReader.Create(System.Net.HttpStatusCode.Unauthorized, "{\"error\":\"" + echoed + "\"}", secrets: new MiladyCloud.Sdk.Internal.SecretScrubber(FakeApi.ApiKey));

        Assert.That(ex.Message + ex.RawBody + ex.ServerMessage, Does.Not.Contain(FakeApi.ApiKey[6..]));
    }
}
