using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's key-management routes through the SDK: session only, created keys listed and usable, rotated and deleted.</summary>
public class FakeServerApiKeysTests
{
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _session = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        // Session only, like a signed-in browser: no API key at all.
        _session = _fake.CreateClient(o => { o.ApiKey = null; o.SessionToken = MiladyCloudFakeServer.SessionToken; });
    }

    [TearDown]
    public void TearDown()
    {
        _session.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_created_key_is_returned_once_listed_with_its_record_and_works_against_the_fake()
    {
        var created = await _session.ApiKeys.CreateAsync(new CreateApiKeyRequest { Name = "  Production Key ", Description = "", Permissions = ["chat"], RateLimit = 500 });
        var keys = await _session.ApiKeys.ListAsync();
        using var withNewKey = _fake.CreateClient(o => o.ApiKey = created.PlainKey);
        var models = await withNewKey.Models.GetAsync("openai/gpt-5.4");
        var balance = await withNewKey.Credits.GetBalanceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(created.PlainKey, Does.Match("^eliza_[0-9a-f]{64}$"));
            Assert.That((created.ApiKey.Name, created.ApiKey.Description, created.ApiKey.RateLimit, created.ApiKey.KeyPrefix), Is.EqualTo(("Production Key", (string?)null, (int?)500, created.PlainKey[..12])));
            Assert.That(created.ApiKey.Permissions, Is.EqualTo(new[] { "chat" }));
            Assert.That(created.ApiKey.Key, Is.Null, "the create answer carries the secret only as plainKey");
            Assert.That(keys.Select(k => k.Name), Is.EqualTo(new[] { "Default API Key", "Production Key" }));
            Assert.That(keys[0].Key, Is.EqualTo(MiladyCloudFakeServer.ApiKey));
            var listed = keys[1];
            Assert.That((listed.Id, listed.Key, listed.IsActive, listed.UsageCount, listed.OrganizationId), Is.EqualTo((created.ApiKey.Id, created.PlainKey, (bool?)true, (long?)0, "00000000-0000-0000-0000-0000000f0a4e")));
            Assert.That(listed.KeyHash, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(models.Id, Is.EqualTo("openai/gpt-5.4"));
            Assert.That(balance.Balance, Is.EqualTo(50m));
        });
        var create = _fake.Requests.First(r => r.Method == "POST");
        Assert.That(create.Headers.ContainsKey("Authorization") || create.Headers.ContainsKey("X-API-Key"), Is.False);
        Assert.That(create.Headers["Cookie"], Is.EqualTo("privy-token=" + MiladyCloudFakeServer.SessionToken));
    }

    [Test]
    public async Task Update_regenerate_and_delete_change_which_secret_works()
    {
        var created = await _session.ApiKeys.CreateAsync(new CreateApiKeyRequest { Name = "CI" });
        var deactivated = await _session.ApiKeys.UpdateAsync(created.ApiKey.Id, new UpdateApiKeyRequest { IsActive = false, Name = "CI (paused)" });
        using (var paused = _fake.CreateClient(o => { o.ApiKey = created.PlainKey; o.MaxRetries = 0; }))
        {
            Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => paused.Credits.GetBalanceAsync());
        }

        await _session.ApiKeys.UpdateAsync(created.ApiKey.Id, new UpdateApiKeyRequest { IsActive = true });
        var rotated = await _session.ApiKeys.RegenerateAsync(created.ApiKey.Id);
        using (var old = _fake.CreateClient(o => { o.ApiKey = created.PlainKey; o.MaxRetries = 0; }))
        using (var fresh = _fake.CreateClient(o => o.ApiKey = rotated.PlainKey))
        {
            Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => old.Credits.GetBalanceAsync());
            Assert.That((await fresh.Credits.GetBalanceAsync()).Balance, Is.EqualTo(50m));
        }

        await _session.ApiKeys.DeleteAsync(created.ApiKey.Id);
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _session.ApiKeys.DeleteAsync(created.ApiKey.Id));
        var remaining = await _session.ApiKeys.ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That((deactivated.Name, deactivated.IsActive, deactivated.Id), Is.EqualTo(("CI (paused)", (bool?)false, created.ApiKey.Id)));
            Assert.That((rotated.ApiKey.Id, rotated.ApiKey.Name), Is.EqualTo((created.ApiKey.Id, "CI (paused)")));
            Assert.That(rotated.PlainKey, Is.Not.EqualTo(created.PlainKey));
            Assert.That(missing!.RawBody, Is.EqualTo("""{"error":"API key not found"}"""));
            Assert.That(remaining.Select(k => k.Name), Is.EqualTo(new[] { "Default API Key" }));
        });
        using var deleted = _fake.CreateClient(o => { o.ApiKey = rotated.PlainKey; o.MaxRetries = 0; });
        Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => deleted.Credits.GetBalanceAsync());
    }

    [Test]
    public async Task An_API_key_on_a_key_management_route_is_refused_as_on_the_real_edge()
    {
        // The SDK never sends one (it throws first), so the refusal is checked with a plain request.
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        http.DefaultRequestHeaders.Add("X-API-Key", MiladyCloudFakeServer.ApiKey);

        using var response = await http.GetAsync(new Uri("api-keys", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
        Assert.That(body, Is.EqualTo("""{"success":false,"error":"This endpoint requires session authentication. API keys and Bearer tokens are not accepted.","code":"session_auth_required"}"""));
        using var keyClient = _fake.CreateClient();
        Assert.ThrowsAsync<InvalidOperationException>(() => keyClient.ApiKeys.ListAsync());
    }
}
