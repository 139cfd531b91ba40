using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Account;

/// <summary>User, dashboard and credit balance: the read-only account routes every key can call.</summary>
public sealed class AccountLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task User_is_the_key_owner_with_an_organization()
    {
        var client = CreateClient();

        var user = await client.User.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.Not.Empty);
            Assert.That(user.Organization, Is.Not.Null, "a key always belongs to a user of an organization");
        });
    }

    [Test]
    public async Task Dashboard_reads_with_its_agents_and_containers()
    {
        var client = CreateClient();

        var dashboard = await client.Dashboard.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(dashboard.Agents, Is.Not.Null);
            Assert.That(dashboard.Containers, Is.Not.Null);
            Assert.That(dashboard.Stats, Is.Not.Null);
        });
    }

    [Test]
    public async Task Credit_balance_is_a_number()
    {
        var client = CreateClient();

        var balance = await client.Credits.GetBalanceAsync();

        Assert.That(balance.Balance, Is.GreaterThanOrEqualTo(0));
    }
}
