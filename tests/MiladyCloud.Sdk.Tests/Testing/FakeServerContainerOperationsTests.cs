using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake's container quota, registry credentials, update, deployments, logs and metrics routes, driven through
/// <see cref="ContainersClient"/>.
/// </summary>
public class FakeServerContainerOperationsTests
{
    private const string Image = "1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/agent:1.0.0";
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task The_quota_shows_the_services_prices_and_follows_the_containers_and_the_balance()
    {
        var empty = await _client.Containers.GetQuotaAsync();
        await DeployAsync("one");
        await _client.Containers.CreateAsync(Settings("two"));
        var busy = await _client.Containers.GetQuotaAsync();
        _fake.Replies.CreditBalance = 0.5m;
        var poor = await _client.Containers.GetQuotaAsync();

        Assert.Multiple(() =>
        {
            Assert.That((empty.Quota!.Current, empty.Quota.Max, empty.Quota.Remaining, empty.Quota.Percentage), Is.EqualTo(((int?)0, (int?)25, (int?)25, (double?)0)), "$50 allows 25 containers");
            Assert.That((empty.Credits!.Balance, empty.Credits.CanDeploy), Is.EqualTo(((double?)50, (bool?)true)));
            Assert.That((empty.Billing!.Model, empty.Billing.DailyCostPerContainer, empty.Billing.MonthlyEquivalent, empty.Billing.DaysOfRunway), Is.EqualTo(("daily", (double?)1.17, (double?)20, (double?)null)));
            Assert.That((empty.Billing.WarningThreshold, empty.Billing.ShutdownWarningHours), Is.EqualTo(((double?)2, (double?)48)));
            Assert.That((empty.Pricing!.ImageUpload, empty.Pricing.Deployment, empty.Pricing.TotalForNewContainer, empty.Pricing.PerDay, empty.Pricing.PerAdditionalInstance), Is.EqualTo(((double?)0.25, (double?)15, (double?)15.25, (double?)1.17, (double?)0.05)));
            Assert.That((empty.Limits!.MaxImageSize, empty.Limits.MaxInstancesPerContainer, empty.Limits.MaxEnvVars), Is.EqualTo(((long?)2147483648, (int?)10, (int?)50)));
            Assert.That((busy.Quota!.Current, busy.Quota.Percentage, busy.Billing!.RunningContainers, busy.Billing.CurrentDailyBurn, busy.Billing.DaysOfRunway), Is.EqualTo(((int?)2, (double?)8, (int?)1, (double?)1.17, (double?)42)));
            Assert.That((poor.Quota!.Max, poor.Quota.Remaining, poor.Credits!.CanDeploy), Is.EqualTo(((int?)1, (int?)0, (bool?)false)));
        });
    }

    [Test]
    public async Task Registry_credentials_name_a_repository_of_the_project_and_an_image_to_deploy()
    {
        var credentials = await _client.Containers.CreateCredentialsAsync("My-Project", "1.2.0");
        var created = await _client.Containers.CreateAsync(new CreateContainerRequest { Name = "Agent", ProjectName = "my-project", EcrImageUri = credentials.EcrImageUri! });

        var token = Encoding.UTF8.GetString(Convert.FromBase64String(credentials.AuthToken!));
        Assert.Multiple(() =>
        {
            Assert.That(credentials.EcrRepositoryUri, Is.EqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/00000000-0000-0000-0000-0000000f0a4e/my-project"));
            Assert.That(credentials.EcrImageTag, Is.EqualTo("1.2.0-" + Start.ToUnixTimeMilliseconds()));
            Assert.That(credentials.EcrImageUri, Is.EqualTo(credentials.EcrRepositoryUri + ":" + credentials.EcrImageTag));
            Assert.That(token, Does.StartWith("AWS:"));
            Assert.That(credentials.AuthTokenExpiresAt, Is.EqualTo("2026-11-29T00:00:00.000Z"));
            Assert.That(credentials.RegistryEndpoint, Is.EqualTo("https://000000000000.dkr.ecr.us-east-1.amazonaws.com"));
            Assert.That(credentials.ToString(), Does.Not.Contain(credentials.AuthToken!));
            Assert.That(created.Data.Metadata!["ecr_image_uri"].GetString(), Is.EqualTo(credentials.EcrImageUri));
        });
    }

    [Test]
    public void Registry_credentials_need_a_project_and_a_version()
    {
        // The typed client refuses blanks before sending, so the untyped escape hatch sends an incomplete body.
        var body = JsonDocument.Parse("""{"projectId":"p","version":""}""").RootElement;

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Post, "containers/credentials", body));

        Assert.That(ex!.RawBody, Is.EqualTo("""{"success":false,"error":"Missing required fields: projectId, version"}"""));
    }

    [Test]
    public async Task An_update_answers_while_the_stack_deploys_and_later_reads_show_the_new_settings_running()
    {
        var id = await DeployAsync("agent");
        _clock.Advance(TimeSpan.FromMinutes(3));

        var update = await _client.Containers.UpdateAsync(id, new UpdateContainerRequest { Cpu = 1024, Memory = 2048, EcrImageUri = "1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/agent:2.0.0" });
        var read = await _client.Containers.GetAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(update.Status, Is.EqualTo("deploying"));
            Assert.That((update.Cpu, update.Memory, update.Port), Is.EqualTo(((int?)1024, (int?)2048, (int?)3000)), "what is not sent is kept");
            Assert.That((read.Status, read.Cpu, read.Memory), Is.EqualTo(("running", (int?)1024, (int?)2048)));
            Assert.That(read.Metadata!["ecr_image_uri"].GetString(), Does.EndWith("agent:2.0.0"));
            Assert.That(read.UpdatedAt, Is.EqualTo("2026-11-28T12:03:00.000Z"));
        });
    }

    [Test]
    public async Task An_update_of_a_container_still_deploying_leaves_it_running()
    {
        var created = await _client.Containers.CreateAsync(Settings("agent"));

        await _client.Containers.UpdateAsync(created.Data.Id, new UpdateContainerRequest { Port = 8080 });

        var read = await _client.Containers.GetAsync(created.Data.Id);
        Assert.That((read.Status, read.Port), Is.EqualTo(("running", (int?)8080)));
    }

    [Test]
    public async Task An_update_is_refused_for_an_unknown_container_and_values_the_server_rejects()
    {
        var id = await DeployAsync("agent");

        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Containers.UpdateAsync(Guid.NewGuid().ToString(), new UpdateContainerRequest { Port = 80 }));
        // The typed client checks the same limits, so the untyped escape hatch sends what the server refuses.
        var cpu = Refused(id, """{"cpu":4096}""");
        var memory = Refused(id, """{"memory":"lots"}""");
        var image = Refused(id, """{"ecr_image_uri":"docker.io/library/agent:2"}""");
        var nothing = Refused(id, """{"name":"renamed"}""");

        Assert.Multiple(() =>
        {
            Assert.That(unknown!.RawBody, Is.EqualTo("""{"success":false,"error":"Container not found"}"""));
            Assert.That(cpu!.ServerMessage, Is.EqualTo("CPU must be between 256 and 2048 units"));
            Assert.That(memory!.ServerMessage, Is.EqualTo("Memory must be between 512 and 2048 MB"));
            Assert.That(image!.ServerMessage, Is.EqualTo("Invalid ECR image URI format"));
            Assert.That(nothing!.ServerMessage, Is.EqualTo("No valid updates provided. Updatable fields: cpu, memory, port, ecr_image_uri"));
        });
        Assert.That((await _client.Containers.GetAsync(id)).Cpu, Is.EqualTo(1792), "a refused update changes nothing");
    }

    [Test]
    public async Task The_deployment_is_pending_until_the_stack_is_up_then_a_success_with_its_duration()
    {
        var created = await _client.Containers.CreateAsync(Settings("agent"));
        var id = created.Data.Id;

        var pending = await _client.Containers.ListDeploymentsAsync(id);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(3));
            await _client.Containers.GetAsync(id);
        }

        var done = await _client.Containers.ListDeploymentsAsync(id);

        Assert.Multiple(() =>
        {
            var first = pending.Deployments.Single();
            Assert.That((pending.Total, pending.Container!.Id, pending.Container.CurrentStatus, pending.Container.EcsServiceArn), Is.EqualTo(((int?)1, id, "pending", (string?)null)));
            Assert.That((first.Status, first.Cost, first.Error, first.DeployedAt, first.DurationMs), Is.EqualTo(("pending", "15.000000", (string?)null, "2026-11-28T12:00:00.000Z", (long?)null)));
            Assert.That((first.Metadata!.ContainerId, first.Metadata.ContainerName, first.Metadata.Cpu, first.Metadata.Memory, first.Metadata.Port, first.Metadata.DesiredCount), Is.EqualTo((id, "agent", (int?)1792, (int?)1792, (int?)3000, (int?)1)));
            var deployed = done.Deployments.Single();
            Assert.That((deployed.Id, deployed.Status, deployed.DurationMs), Is.EqualTo((first.Id, "success", (long?)540_000)));
            Assert.That(done.Container!.CurrentStatus, Is.EqualTo("running"));
            Assert.That(deployed.Metadata!.EcsServiceArn, Does.EndWith("/agent"));
        });
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Containers.ListDeploymentsAsync(Guid.NewGuid().ToString()));
    }

    [Test]
    public async Task Logs_are_read_like_the_service_reads_them_newest_first_with_its_filters()
    {
        _fake.Replies.ContainerLogLines.Clear();
        foreach (var line in new[] { """{"level":"error","message":"db down","code":42}""", "[WARN] disk 80% full", "DEBUG: cache warm", "Server started on port 3000" })
        {
            _fake.Replies.ContainerLogLines.Add(line);
        }

        var id = await DeployAsync("agent");

        var all = await _client.Containers.GetLogsAsync(id);
        var errors = await _client.Containers.GetLogsAsync(id, level: "error");
        var latestTwo = await _client.Containers.GetLogsAsync(id, limit: 2);
        var recent = await _client.Containers.GetLogsAsync(id, since: Start - TimeSpan.FromMilliseconds(150));

        Assert.Multiple(() =>
        {
            Assert.That(all.Logs.Select(l => (l.Level, l.Message?.Text)), Is.EqualTo(new[] { ("error", "db down"), ("warn", "disk 80% full"), ("debug", "cache warm"), ("info", "Server started on port 3000") }));
            Assert.That(all.Logs[0].Metadata!["code"].GetInt32(), Is.EqualTo(42), "the other members of a JSON line become metadata");
            Assert.That(all.Logs.Select(l => l.Timestamp), Is.EqualTo(new[] { "2026-11-28T12:00:00.000Z", "2026-11-28T11:59:59.900Z", "2026-11-28T11:59:59.800Z", "2026-11-28T11:59:59.700Z" }));
            Assert.That((all.Total, all.HasLogs, all.Message), Is.EqualTo(((int?)4, (bool?)true, (string?)null)));
            Assert.That((all.Container!.Id, all.Container.Status, all.Container.EcsServiceArn), Is.EqualTo((id, "running", "arn:aws:ecs:us-east-1:000000000000:service/fake-cluster/agent")));
            Assert.That((all.Filters!.Limit, all.Filters.Since, all.Filters.Level), Is.EqualTo(((int?)100, (string?)null, "all")));
            Assert.That((errors.Total, errors.Logs.Single().Message?.Text, errors.Filters!.Level), Is.EqualTo(((int?)1, "db down", "error")));
            Assert.That(latestTwo.Logs.Select(l => l.Message?.Text), Is.EqualTo(new[] { "db down", "disk 80% full" }));
            Assert.That((recent.Total, recent.Filters!.Since), Is.EqualTo(((int?)2, "2026-11-28T11:59:59.850Z")));
        });
    }

    [Test]
    public async Task Logs_wait_for_the_deployment_and_say_so_when_there_are_none()
    {
        var created = await _client.Containers.CreateAsync(Settings("agent"));
        var early = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Containers.GetLogsAsync(created.Data.Id));
        var id = await RunAsync(created.Data.Id);
        _fake.Replies.ContainerLogLines.Clear();

        var none = await _client.Containers.GetLogsAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(early!.ServerMessage, Is.EqualTo("Container has not been deployed to ECS yet. Logs will be available once deployment is complete."));
            Assert.That((none.Total, none.HasLogs, none.Message), Is.EqualTo(((int?)0, (bool?)false, "No logs available yet. Logs may take a few moments to appear after deployment.")));
        });
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Containers.GetLogsAsync(Guid.NewGuid().ToString()));
    }

    [Test]
    public async Task The_live_log_stream_honours_the_level_filter()
    {
        _fake.Replies.ContainerLogLines.Add("ERROR cache miss storm");
        var id = await DeployAsync("agent");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        ContainerLogEntry? first = null;
        await foreach (var item in _client.Containers.StreamLogsAsync(id, level: "error", cancellationToken: cts.Token))
        {
            first = ((ContainerLogLineEvent)item).Data;
            break;
        }

        Assert.That((first!.Level, first.Message?.Text), Is.EqualTo(("error", "ERROR cache miss storm")));
    }

    [Test]
    public async Task Metrics_come_once_the_container_is_deployed_for_the_period_asked()
    {
        var created = await _client.Containers.CreateAsync(Settings("agent", desiredCount: 2));
        var early = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Containers.GetMetricsAsync(created.Data.Id));
        var id = await RunAsync(created.Data.Id);

        var hourly = await _client.Containers.GetMetricsAsync(id);
        var quarter = await _client.Containers.GetMetricsAsync(id, periodMinutes: 15);

        Assert.Multiple(() =>
        {
            Assert.That(early!.ServerMessage, Is.EqualTo("Container has not been deployed to ECS yet"));
            Assert.That((hourly.PeriodMinutes, quarter.PeriodMinutes), Is.EqualTo(((int?)60, (int?)15)));
            Assert.That((hourly.Container!.Id, hourly.Container.Status), Is.EqualTo((id, "running")));
            Assert.That((hourly.Metrics.TaskCount, hourly.Metrics.HealthyTaskCount, hourly.Metrics.Timestamp), Is.EqualTo(((int?)2, (int?)2, "2026-11-28T12:00:00.000Z")));
            Assert.That((hourly.Metrics.CpuUtilization, hourly.Metrics.MemoryUtilization), Is.EqualTo(((double?)23.4, (double?)41.7)));
            Assert.That(hourly.Metrics.NetworkRxBytes, Is.Positive);
        });
        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Containers.GetMetricsAsync(Guid.NewGuid().ToString()));
    }

    private static CreateContainerRequest Settings(string project, int desiredCount = 1)
        => new() { Name = project, ProjectName = project, EcrImageUri = Image, DesiredCount = desiredCount };

    /// <summary>Creates a container and polls it to running.</summary>
    private async Task<string> DeployAsync(string project) => await RunAsync((await _client.Containers.CreateAsync(Settings(project))).Data.Id);

    private async Task<string> RunAsync(string id)
    {
        while ((await _client.Containers.GetAsync(id)).Status != "running")
        {
        }

        return id;
    }

    private MiladyCloudInvalidRequestException? Refused(string id, string json)
        => Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Patch, "containers/" + id, JsonDocument.Parse(json).RootElement));
}
