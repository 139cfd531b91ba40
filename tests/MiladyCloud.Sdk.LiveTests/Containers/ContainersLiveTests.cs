using System.Net;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Containers;

/// <summary>Container routes that need no cloud provider: listing, the quota, and the error paths.</summary>
public sealed class ContainersLiveTests(TestMode mode) : LiveTestBase(mode)
{
    private const string Unknown = "00000000-0000-4000-8000-000000000001";

    [Test]
    public async Task List_and_quota_read()
    {
        var client = CreateClient();

        var containers = await client.Containers.ListAsync();
        var quota = await client.Containers.GetQuotaAsync();

        Assert.That(containers, Is.Not.Null);
        Assert.That(quota, Is.Not.Null);
    }

    [Test]
    public void An_unknown_container_is_not_found_on_get_and_delete()
    {
        var client = CreateClient();

        var get = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Containers.GetAsync(Unknown));
        var delete = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => client.Containers.DeleteAsync(Unknown));

        Assert.That(get!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(delete!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public void A_malformed_container_id_is_refused_before_sending()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<ArgumentException>(() => client.Containers.GetAsync("not-a-uuid"));

        Assert.That(RequestsSent, Is.Zero, "the service answers a database 500 to it");
    }
}
