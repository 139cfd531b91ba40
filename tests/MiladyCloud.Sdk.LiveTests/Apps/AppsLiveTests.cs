using System.Net;
using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.Apps;

/// <summary>An app's life on the server: create, read, change, its sub-routes, delete.</summary>
public sealed class AppsLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task An_app_is_created_read_updated_listed_and_deleted()
    {
        var client = CreateClient();
        var name = Variable("appName", () => "sdk-live-" + Guid.NewGuid().ToString("N")[..8]);

        var created = await client.Apps.CreateAsync(new CreateAppRequest { Name = name, AppUrl = "https://example.com", Description = "live test" });
        try
        {
            var read = await client.Apps.GetAsync(created.App.Id);
            var updated = await client.Apps.UpdateAsync(created.App.Id, new UpdateAppRequest { Description = "changed by the live test" });
            var listed = await client.Apps.ListAsync();
            var taken = await client.Apps.CheckNameAsync(name);

            Assert.Multiple(() =>
            {
                Assert.That(created.ApiKey, Does.StartWith("eliza_"), "an app gets its own key");
                Assert.That(read.Name, Is.EqualTo(name));
                Assert.That(updated.Description, Is.EqualTo("changed by the live test"));
                Assert.That(listed.Select(a => a.Id), Does.Contain(created.App.Id));
                Assert.That(taken, Is.Not.Null);
            });
        }
        finally
        {
            await client.Apps.DeleteAsync(created.App.Id, deleteGitHubRepository: false, deleteHostingProject: false);
        }

        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Apps.GetAsync(created.App.Id));
    }

    [Test]
    public async Task An_apps_insights_and_settings_read()
    {
        var client = CreateClient();
        var name = Variable("appName", () => "sdk-live-" + Guid.NewGuid().ToString("N")[..8]);
        var app = (await client.Apps.CreateAsync(new CreateAppRequest { Name = name, AppUrl = "https://example.com" })).App;
        try
        {
            var analytics = await client.Apps.GetAnalyticsAsync(app.Id);
            var users = await client.Apps.ListUsersAsync(app.Id);
            var deployment = await client.Apps.GetDeploymentStatusAsync(app.Id);
            var monetization = await client.Apps.Earnings.GetMonetizationAsync(app.Id);
            var earnings = await client.Apps.Earnings.GetAsync(app.Id);
            var publicInfo = await client.Apps.GetPublicInfoAsync(app.Id);

            Assert.Multiple(() =>
            {
                Assert.That(analytics, Is.Not.Null);
                Assert.That(users, Is.Not.Null);
                Assert.That(deployment, Is.Not.Null);
                Assert.That(monetization, Is.Not.Null);
                Assert.That(earnings, Is.Not.Null);
                Assert.That(publicInfo.Name, Is.EqualTo(name));
            });
        }
        finally
        {
            await client.Apps.DeleteAsync(app.Id, deleteGitHubRepository: false, deleteHostingProject: false);
        }
    }

    [Test]
    public void An_invalid_app_is_an_invalid_request()
    {
        var client = CreateClient();
        var body = System.Text.Json.JsonDocument.Parse("""{"name":""}""").RootElement;

        var error = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.SendAsync(HttpMethod.Post, "apps", body));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public void An_unknown_app_is_not_found()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Apps.GetAsync("00000000-0000-4000-8000-000000000002"));
    }
}
