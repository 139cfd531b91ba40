using System.Net;
using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.ApiKeys;

/// <summary>The key-management routes accept only a browser session, never a key.</summary>
public sealed class ApiKeysLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task With_a_session_a_key_is_created_listed_changed_regenerated_and_deleted()
    {
        RequireSession();
        var client = CreateClient(o =>
        {
            o.ApiKey = null;
            o.SessionToken = SessionToken;
        });
        var name = Variable("keyName", () => "sdk-live-" + Guid.NewGuid().ToString("N")[..8]);

        var created = await client.ApiKeys.CreateAsync(new CreateApiKeyRequest { Name = name, Description = "made by the live tests" });
        try
        {
            var listed = await client.ApiKeys.ListAsync();
            var changed = await client.ApiKeys.UpdateAsync(created.ApiKey.Id, new UpdateApiKeyRequest { Description = "changed" });
            var regenerated = await client.ApiKeys.RegenerateAsync(created.ApiKey.Id);

            Assert.Multiple(() =>
            {
                Assert.That(created.PlainKey, Does.StartWith("eliza_"));
                Assert.That(listed.Select(k => k.Id), Does.Contain(created.ApiKey.Id));
                Assert.That(changed.Description, Is.EqualTo("changed"));
                Assert.That(regenerated.PlainKey, Is.Not.EqualTo(created.PlainKey));
                Assert.That(created.ToString(), Does.Not.Contain(created.PlainKey), "a new key never shows in ToString()");
            });
        }
        finally
        {
            await client.ApiKeys.DeleteAsync(created.ApiKey.Id);
        }
    }

    [Test]
    public void With_only_a_key_the_SDK_refuses_before_sending()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<InvalidOperationException>(() => client.ApiKeys.ListAsync());

        Assert.That(RequestsSent, Is.Zero);
    }

    [Test]
    public void With_only_a_key_the_server_answers_session_auth_required()
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.SendAsync(HttpMethod.Get, "api-keys"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.ServerCode, Is.EqualTo("session_auth_required"));
        });
    }
}
