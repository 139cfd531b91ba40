using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.Account;

/// <summary>Profile changes, server wallets and jobs.</summary>
public sealed class AccountWritesLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task The_profile_changes_and_reads_back()
    {
        var client = CreateClient();
        var before = await client.User.GetAsync();
        var nickname = Variable("nickname", () => "live-" + Guid.NewGuid().ToString("N")[..6]);

        var changed = await client.User.UpdateAsync(new UpdateCurrentUserRequest { Nickname = nickname });
        await client.User.UpdateAsync(new UpdateCurrentUserRequest { Nickname = before.Nickname ?? string.Empty });

        Assert.That(changed.Nickname, Is.EqualTo(nickname));
    }

    [Test]
    public async Task Wallets_list_and_an_unknown_job_is_not_found()
    {
        var client = CreateClient();

        var wallets = await client.User.ListWalletsAsync();
        var job = Assert.CatchAsync<MiladyCloudApiException>(() => client.Jobs.GetAsync("00000000-0000-4000-8000-000000000006"));

        Assert.That(wallets, Is.Not.Null);
        Assert.That(job, Is.InstanceOf<MiladyCloudNotFoundException>());
    }
}
