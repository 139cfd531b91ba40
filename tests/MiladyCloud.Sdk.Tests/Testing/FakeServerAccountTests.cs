using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's account routes through the SDK: dashboard, jobs, the user profile and server wallets.</summary>
public class FakeServerAccountTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task The_dashboard_counts_the_generations_and_lists_the_characters_and_containers()
    {
        var empty = await _client.Dashboard.GetAsync();
        var character = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Ada", Bio = "Helps with math" });
        var container = await _client.Containers.CreateAsync(new CreateContainerRequest { Name = "Runtime", ProjectName = "runtime", EcrImageUri = "1.dkr.ecr.us-east-1.amazonaws.com/o/runtime:1" });
        await _client.Images.CreateAsync("a fox");
        await _client.Chat.CreateAsync("openai/gpt-5.4", "hi");

        var dashboard = await _client.Dashboard.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That((empty.Onboarding.HasAgents, empty.Onboarding.HasChatHistory, empty.Agents.Count, empty.Containers.Count), Is.EqualTo((false, false, 0, 0)));
            Assert.That(dashboard.User.Name, Is.EqualTo("Fake User"));
            Assert.That((dashboard.Stats.ImageGenerations, dashboard.Stats.VideoGenerations, dashboard.Stats.TotalGenerations), Is.EqualTo((1L, 0L, 1L)));
            Assert.That(dashboard.Stats.ApiCalls24h, Is.EqualTo(_fake.Requests.Count));
            Assert.That((dashboard.Onboarding.HasAgents, dashboard.Onboarding.HasApiKey, dashboard.Onboarding.HasChatHistory), Is.EqualTo((true, true, true)));
            var agent = dashboard.Agents.Single();
            Assert.That((agent.Id, agent.Name, agent.IsPublic), Is.EqualTo((character.Id, "Ada", (bool?)false)));
            Assert.That(agent.Bio!.Items, Is.EqualTo(new[] { "Helps with math" }));
            Assert.That(agent.Stats!.MessageCount, Is.Zero);
            var deployed = dashboard.Containers.Single();
            Assert.That((deployed.Id, deployed.Name, deployed.Status, deployed.Cpu, deployed.Port), Is.EqualTo((container.Data.Id, "Runtime", "pending", (int?)1792, (int?)3000)));
            Assert.That(deployed.EcsServiceArn, Does.EndWith("/runtime"));
        });
    }

    [Test]
    public async Task A_web_dashboard_agent_keeps_its_bio_as_one_string_where_the_agents_route_stores_a_list()
    {
        var web = _fake.AddWebDashboardAgent("Web", "Made in the browser.");
        var api = await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Api", Bio = "Made by the SDK." });

        var dashboard = await _client.Dashboard.GetAsync();
        var record = await _client.Agents.GetAsync(web);
        var list = await _client.Agents.ListAsync();
        var clone = await _client.Agents.CloneAsync(web);

        Assert.Multiple(() =>
        {
            var (fromWeb, fromApi) = (dashboard.Agents.Single(a => a.Id == web).Bio!, dashboard.Agents.Single(a => a.Id == api.Id).Bio!);
            Assert.That((fromWeb.IsText, fromWeb.Text), Is.EqualTo((true, "Made in the browser.")));
            Assert.That(fromApi.IsText, Is.False);
            Assert.That(fromApi.Items, Is.EqualTo(new[] { "Made by the SDK." }));
            Assert.That(record.Bio!.Text, Is.EqualTo("Made in the browser."));
            Assert.That(list.Characters.Single(c => c.Id == web).Bio!.Text, Is.EqualTo("Made in the browser."));
            Assert.That(clone.Bio!.Text, Is.EqualTo("Made in the browser."), "a clone copies the stored bio as it is");
        });
    }

    [Test]
    public async Task A_started_job_moves_to_completed_as_it_is_polled()
    {
        var jobId = _fake.StartJob();
        var seen = new List<JobResponse>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(await _client.Jobs.GetAsync(jobId));
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(j => j.Data.Status.ToString()), Is.EqualTo(new[] { "pending", "in_progress", "completed", "completed" }));
            Assert.That(seen.Select(j => j.Polling!.ShouldContinue), Is.EqualTo(new[] { true, true, false, false }));
            Assert.That((seen[0].Polling!.IntervalMs, seen[2].Polling!.IntervalMs), Is.EqualTo(((long?)5000, (long?)null)));
            var done = seen[2].Data;
            Assert.That((done.Id, done.Type, done.Error, done.Attempts, done.MaxAttempts), Is.EqualTo((jobId, "milady_provision", (string?)null, (int?)1, (int?)3)));
            Assert.That(Guid.TryParse(done.Result!.Value.GetProperty("cloudAgentId").GetString(), out _), Is.True);
            Assert.That((done.CreatedAt, done.StartedAt, done.CompletedAt), Is.EqualTo(("2026-11-28T12:00:00.000Z", "2026-11-28T12:00:05.000Z", "2026-11-28T12:00:10.000Z")));
            Assert.That(seen[0].Data.Result, Is.Null);
        });
    }

    [Test]
    public async Task WaitForCompletionAsync_polls_at_the_advised_interval_until_the_server_says_stop()
    {
        var jobId = _fake.StartJob();
        var seen = new List<string>();
        var started = _fake.Requests.Count;

        using var client = _fake.CreateClient(o => o.TimeProvider = _clock);
        var wait = client.Jobs.WaitForCompletionAsync(jobId, TimeSpan.FromMinutes(1), new SynchronousProgress<JobResponse>(j => seen.Add(j.Data.Status.ToString())));
        var done = await DriveAsync(wait, TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(done.Data.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Polling!.ShouldContinue, Is.False);
            Assert.That(seen, Is.EqualTo(new[] { "pending", "in_progress", "completed" }));
            Assert.That(_fake.Requests.Count - started, Is.EqualTo(3), "one request per answer, none after the server said stop");
        });
    }

    [Test]
    public async Task WaitForCompletionAsync_returns_a_failed_job_and_gives_up_at_its_deadline()
    {
        using var client = _fake.CreateClient(o => o.TimeProvider = _clock);
        var failing = _fake.StartJob(failureMessage: "Provisioning timed out");
        var failed = await DriveAsync(client.Jobs.WaitForCompletionAsync(failing, TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(5));
        var slow = _fake.StartJob();
        var late = client.Jobs.WaitForCompletionAsync(slow, TimeSpan.FromSeconds(3));

        Assert.That((failed.Data.Status.ToString(), failed.Data.Error), Is.EqualTo(("failed", "Provisioning timed out")));
        var timeout = Assert.ThrowsAsync<MiladyCloudTimeoutException>(async () => await DriveAsync(late, TimeSpan.FromSeconds(1)));
        Assert.That(timeout!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.WaitDeadline));
    }

    /// <summary>Moves the fake clock in steps until the wait ends (bounded: a wait that never ends fails the test).</summary>
    private async Task<T> DriveAsync<T>(Task<T> wait, TimeSpan step)
    {
        for (var i = 0; i < 200 && !wait.IsCompleted; i++)
        {
            await Task.Delay(10);
            _clock.Advance(step);
        }

        return await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>Reports on the caller's thread, so the list is complete when the wait returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Test]
    public async Task A_failing_job_ends_failed_and_an_unknown_job_is_404()
    {
        var jobId = _fake.StartJob(failureMessage: "Provisioning timed out");
        await _client.Jobs.GetAsync(jobId);
        await _client.Jobs.GetAsync(jobId);
        var failed = await _client.Jobs.GetAsync(jobId);
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Jobs.GetAsync(Guid.NewGuid().ToString()));

        Assert.That((failed.Data.Status.ToString(), failed.Data.Error, failed.Polling!.ShouldContinue), Is.EqualTo(("failed", "Provisioning timed out", false)));
        Assert.That(missing!.RawBody, Is.EqualTo("""{"success":false,"error":"Job not found"}"""));
    }

    [Test]
    public async Task The_user_profile_is_updated_by_PATCH_and_carries_the_organization_balance_as_text()
    {
        var before = await _client.User.GetAsync();
        var updated = await _client.User.UpdateAsync(new UpdateCurrentUserRequest { Name = "Ada Lovelace", Nickname = "ada", WorkFunction = UserWorkFunction.Developer, EmailNotifications = false });
        _fake.Replies.CreditBalance = 12.5m;
        var after = await _client.User.GetAsync();
        var dashboard = await _client.Dashboard.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That((before.Id, before.Email, before.Name, before.Role, before.IsActive), Is.EqualTo(("00000000-0000-0000-0000-00000000fa4e", "developer@fake.invalid", "Fake User", "owner", (bool?)true)));
            Assert.That((before.Organization!.Name, before.Organization.Slug, before.Organization.CreditBalance), Is.EqualTo(("Fake Organization", "fake-organization", "50.000000")));
            Assert.That((updated.Name, updated.Nickname, updated.WorkFunction, updated.EmailNotifications, updated.ResponseNotifications), Is.EqualTo(("Ada Lovelace", "ada", "developer", (bool?)false, (bool?)true)));
            Assert.That(updated.Organization, Is.Null, "the update answer leaves the organization out");
            Assert.That((after.Name, after.Organization!.CreditBalanceAmount), Is.EqualTo(("Ada Lovelace", (decimal?)12.5m)));
            Assert.That(dashboard.User.Name, Is.EqualTo("Ada Lovelace"));
        });
        Assert.That(_fake.Requests.Single(r => r.Method == "PATCH").Json!.Value.GetProperty("work_function").GetString(), Is.EqualTo("developer"));
    }

    [Test]
    public async Task Provisioning_a_wallet_is_idempotent_per_client_address_and_chain()
    {
        const string Client = "0x52908400098527886E0F7030069857D2E4169EE7";
        var first = await _client.User.ProvisionWalletAsync(new ProvisionServerWalletRequest { ChainType = WalletChainType.Evm, ClientAddress = Client });
        var again = await _client.User.ProvisionWalletAsync(new ProvisionServerWalletRequest { ChainType = WalletChainType.Evm, ClientAddress = Client });
        var solana = await _client.User.ProvisionWalletAsync(new ProvisionServerWalletRequest { ChainType = WalletChainType.Solana, ClientAddress = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV" });
        var wallets = await _client.User.ListWalletsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo(first.Id));
            Assert.That(first.Address, Does.Match("^0x[0-9a-f]{40}$"));
            Assert.That((first.ChainType, first.ClientAddress), Is.EqualTo(("evm", Client)));
            Assert.That(solana.Address, Does.Match("^[1-9A-HJ-NP-Za-km-z]{44}$"));
            Assert.That(wallets.Select(w => w.Id), Is.EqualTo(new[] { first.Id, solana.Id }));
            Assert.That((wallets[0].WalletProvider, wallets[0].CreatedAt), Is.EqualTo(("steward", "2026-11-28T12:00:00.000Z")));
        });
    }
}
