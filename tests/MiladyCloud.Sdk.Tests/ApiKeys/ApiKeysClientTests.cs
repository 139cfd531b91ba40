using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.ApiKeys;

public class ApiKeysClientTests : WireMockClientTests
{
    private const string Session = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
    private const string PlainKey = "eliza_fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432";
    private const string RecordJson = """
        {"id":"7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d","name":"Production Key","description":"prod","key_prefix":"eliza_fedcba","created_at":"2026-04-27T10:30:00.000Z",
         "permissions":["chat"],"rate_limit":1000,"expires_at":null}
        """;

    protected override void Configure(MiladyCloudClientOptions options) => options.SessionToken = Session;

    private static void AssertSessionOnly(WireMock.IRequestMessage sent)
    {
        Assert.Multiple(() =>
        {
            Assert.That(sent.Headers!["Cookie"].Single(), Is.EqualTo("privy-token=" + Session));
            Assert.That(sent.Headers.ContainsKey("Authorization"), Is.False, "the edge refuses any request that carries an API key");
            Assert.That(sent.Headers.ContainsKey("X-API-Key"), Is.False);
        });
    }

    [Test]
    public async Task ListAsync_sends_only_the_session_cookie_and_maps_every_field()
    {
        Respond("/api/v1/api-keys", "GET", """
            {"keys":[{"id":"7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d","name":"Production Key","description":null,"key":"eliza_fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432",
              "key_hash":"abc123","key_prefix":"eliza_fedcba","organization_id":"org-1","user_id":"u-1","permissions":["chat","images"],"rate_limit":500,
              "is_active":true,"usage_count":42,"expires_at":"2027-01-01T00:00:00.000Z","last_used_at":"2026-04-27T11:00:00.000Z",
              "created_at":"2026-04-27T10:30:00.000Z","updated_at":"2026-04-27T10:31:00.000Z"}]}
            """);

        var key = (await Api.Client.ApiKeys.ListAsync()).Single();

        Assert.Multiple(() =>
        {
            Assert.That((key.Id, key.Name, key.Description, key.Key, key.KeyHash, key.KeyPrefix, key.OrganizationId, key.UserId),
                Is.EqualTo(("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", "Production Key", (string?)null, PlainKey, "abc123", "eliza_fedcba", "org-1", "u-1")));
            Assert.That(key.Permissions, Is.EqualTo(new[] { "chat", "images" }));
            Assert.That((key.RateLimit, key.IsActive, key.UsageCount, key.ExpiresAt, key.LastUsedAt, key.CreatedAt, key.UpdatedAt),
                Is.EqualTo(((int?)500, (bool?)true, (long?)42, "2027-01-01T00:00:00.000Z", "2026-04-27T11:00:00.000Z", "2026-04-27T10:30:00.000Z", "2026-04-27T10:31:00.000Z")));
            Assert.That(key.ToString(), Does.Not.Contain(PlainKey).And.Not.Contain("abc123").And.Contain("eliza_fedcba"));
        });
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("GET"));
        AssertSessionOnly(sent);
    }

    [Test]
    public async Task CreateAsync_posts_the_body_and_returns_the_plain_key_once_without_showing_it()
    {
        Respond("/api/v1/api-keys", "POST", "{\"apiKey\":" + RecordJson + ",\"plainKey\":\"" + PlainKey + "\"}", 201);

        var created = await Api.Client.ApiKeys.CreateAsync(new CreateApiKeyRequest
        {
            Name = "Production Key", Description = "prod", Permissions = ["chat"], RateLimit = 1000, ExpiresAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        Assert.Multiple(() =>
        {
            Assert.That(created.PlainKey, Is.EqualTo(PlainKey));
            Assert.That((created.ApiKey.Id, created.ApiKey.Name, created.ApiKey.Description, created.ApiKey.KeyPrefix, created.ApiKey.CreatedAt),
                Is.EqualTo(("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", "Production Key", "prod", "eliza_fedcba", "2026-04-27T10:30:00.000Z")));
            Assert.That((created.ApiKey.RateLimit, created.ApiKey.ExpiresAt), Is.EqualTo(((int?)1000, (string?)null)));
            Assert.That(created.ApiKey.Permissions, Is.EqualTo(new[] { "chat" }));
            Assert.That(created.ToString(), Does.Not.Contain(PlainKey).And.Contain("Production Key"));
        });
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        AssertSessionOnly(sent);
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(),
            Is.EqualTo("""{"name":"Production Key","description":"prod","permissions":["chat"],"rate_limit":1000,"expires_at":"2027-01-01T00:00:00+00:00"}"""));
    }

    [Test]
    public void CreateAsync_is_not_retried_so_no_unseen_second_key_appears()
    {
        using var api = new FakeApi(o => { o.SessionToken = Session; o.MaxRetries = 3; o.RetryBaseDelay = TimeSpan.Zero; });
        api.Server.Given(Request.Create().WithPath("/api/v1/api-keys").UsingPost()).RespondWith(Response.Create().WithStatusCode(502).WithBody("bad gateway"));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.ApiKeys.CreateAsync(new CreateApiKeyRequest { Name = "k" }));

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task UpdateAsync_patches_the_escaped_id_with_only_the_given_fields()
    {
        Respond("/api/v1/api-keys/*", "PATCH", "{\"apiKey\":{\"id\":\"7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d\",\"name\":\"Renamed\",\"description\":null,\"key_prefix\":\"eliza_fedcba\",\"created_at\":\"c\",\"permissions\":[],\"rate_limit\":10,\"expires_at\":null,\"is_active\":false}}");

        var key = await Api.Client.ApiKeys.UpdateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", new UpdateApiKeyRequest { Name = "Renamed", IsActive = false, RateLimit = 10 });

        Assert.That((key.Id, key.Name, key.IsActive, key.RateLimit), Is.EqualTo(("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", "Renamed", (bool?)false, (int?)10)));
        Assert.That(key.Permissions, Is.Empty);
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("PATCH"));
        Assert.That(sent.AbsoluteUrl, Does.EndWith("/api/v1/api-keys/7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d"));
        AssertSessionOnly(sent);
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(), Is.EqualTo("""{"name":"Renamed","rate_limit":10,"is_active":false}"""));
    }

    [Test]
    public async Task DeleteAsync_sends_delete_with_the_session()
    {
        Respond("/api/v1/api-keys/7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", "DELETE", """{"success":true}""");

        await Api.Client.ApiKeys.DeleteAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d");

        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("DELETE"));
        AssertSessionOnly(sent);
    }

    [Test]
    public async Task RegenerateAsync_posts_and_returns_the_new_plain_key()
    {
        Respond("/api/v1/api-keys/7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d/regenerate", "POST", "{\"apiKey\":" + RecordJson + ",\"plainKey\":\"" + PlainKey + "\"}");

        var result = await Api.Client.ApiKeys.RegenerateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d");

        Assert.That((result.PlainKey, result.ApiKey.Id), Is.EqualTo((PlainKey, "7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d")));
        Assert.That(result.ToString(), Does.Not.Contain(PlainKey));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        AssertSessionOnly(sent);
    }

    [Test]
    public void Every_call_without_a_session_token_fails_before_sending_and_says_what_to_set()
    {
        using var api = new FakeApi();
        var keys = api.Client.ApiKeys;
        var calls = new Func<Task>[]
        {
            () => keys.ListAsync(),
            () => keys.CreateAsync(new CreateApiKeyRequest { Name = "k" }),
            () => keys.UpdateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", new UpdateApiKeyRequest { Name = "n" }),
            () => keys.DeleteAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d"),
            () => keys.RegenerateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d"),
        };

        foreach (var call in calls)
        {
            var ex = Assert.ThrowsAsync<InvalidOperationException>(() => call());
            Assert.That(ex!.Message, Does.Contain("SessionToken").And.Contain("session").And.Not.Contain(FakeApi.ApiKey));
        }

        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Validation_fails_before_sending()
    {
        var keys = Api.Client.ApiKeys;
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = "  " }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = new string('a', 101) }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = "k", RateLimit = 0 }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = "k", RateLimit = 100_001 }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = "k", Permissions = Enumerable.Repeat("p", 51).ToList() }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync(new CreateApiKeyRequest { Name = "k", Permissions = ["ok", ""] }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.UpdateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d", new UpdateApiKeyRequest()));
            Assert.ThrowsAsync<ArgumentException>(() => keys.UpdateAsync("..", new UpdateApiKeyRequest { Name = "n" }));
            Assert.ThrowsAsync<ArgumentException>(() => keys.DeleteAsync(" "));
            Assert.ThrowsAsync<ArgumentException>(() => keys.RegenerateAsync("."));
        });
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void The_edge_refusal_maps_to_unauthorized_with_its_code()
    {
        Respond("/api/v1/api-keys", "GET", """{"success":false,"error":"This endpoint requires session authentication. API keys and Bearer tokens are not accepted.","code":"session_auth_required"}""", 401);

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => Api.Client.ApiKeys.ListAsync());

        Assert.That(ex!.ServerCode, Is.EqualTo("session_auth_required"));
    }

    [Test]
    public void Options_ToString_hides_the_session_token()
    {
        Assert.That(Api.Options.ToString(), Does.Not.Contain(Session).And.Contain("SessionToken = ***"));
    }

    [TestCase("abc\r\nX-Evil: 1")]
    [TestCase("abc\n")]
    public void A_session_token_with_a_line_break_is_rejected_when_the_client_is_created(string token)
    {
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, SessionToken = token };

        var ex = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(options).Dispose());

        Assert.That(ex!.Message, Does.Contain("SessionToken").And.Not.Contain("abc"));
    }

    [Test]
    public async Task Key_ids_are_escaped_in_the_path()
    {
        var handler = RecordingHandler.Json("{\"apiKey\":" + RecordJson + ",\"plainKey\":\"" + PlainKey + "\"}");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { SessionToken = Session });

        Assert.ThrowsAsync<ArgumentException>(() => client.ApiKeys.RegenerateAsync("a/b c"), "not a UUID: the service would answer a misleading 403");
        await client.ApiKeys.RegenerateAsync("7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d");

        var request = handler.Requests.Single();
        Assert.That(request.RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/api-keys/7a3c1e2b-4d5f-4a6b-8c9d-0e1f2a3b4c5d/regenerate"));
        Assert.That(request.Headers.Authorization, Is.Null);
    }
}
