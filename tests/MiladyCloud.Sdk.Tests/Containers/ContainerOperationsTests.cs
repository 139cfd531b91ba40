using System.Text.Json.Nodes;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Containers;

/// <summary>Quota, registry credentials, deployments, metrics and logs.</summary>
public class ContainerOperationsTests : WireMockClientTests
{
    private void AssertRequest(string method, string pathAndQuery, string? json = null)
    {
        var request = Api.SingleRequest().RequestMessage!;
        Assert.That(request.Method, Is.EqualTo(method));
        Assert.That(new Uri(request.AbsoluteUrl).PathAndQuery, Is.EqualTo(pathAndQuery));
        if (json is not null)
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse(json)), Is.True, request.Body);
        }
    }

    [Test]
    public async Task GetQuotaAsync_maps_every_section()
    {
        Respond("/api/v1/containers/quota", "GET", """
            {"success":true,"data":{"quota":{"current":1,"max":5,"remaining":4,"percentage":20},"credits":{"balance":12.4,"canDeploy":true},
             "billing":{"model":"daily","dailyCostPerContainer":0.67,"monthlyEquivalent":20,"currentDailyBurn":0.67,"runningContainers":1,"daysOfRunway":null,"warningThreshold":2,"shutdownWarningHours":48},
             "pricing":{"imageUpload":0.25,"deployment":15,"totalForNewContainer":15.25,"perDay":0.67,"perMonth":20,"perAdditionalInstance":0.05},
             "limits":{"maxImageSize":2147483648,"maxInstancesPerContainer":10,"maxEnvVars":50}}}
            """);

        var quota = await Api.Client.Containers.GetQuotaAsync();

        AssertRequest("GET", "/api/v1/containers/quota");
        Assert.Multiple(() =>
        {
            Assert.That(quota.Quota!.Current, Is.EqualTo(1));
            Assert.That(quota.Quota.Max, Is.EqualTo(5));
            Assert.That(quota.Quota.Remaining, Is.EqualTo(4));
            Assert.That(quota.Quota.Percentage, Is.EqualTo(20));
            Assert.That(quota.Credits!.Balance, Is.EqualTo(12.4));
            Assert.That(quota.Credits.CanDeploy, Is.True);
            Assert.That(quota.Billing!.Model, Is.EqualTo("daily"));
            Assert.That(quota.Billing.DailyCostPerContainer, Is.EqualTo(0.67));
            Assert.That(quota.Billing.RunningContainers, Is.EqualTo(1));
            Assert.That(quota.Billing.DaysOfRunway, Is.Null);
            Assert.That(quota.Billing.ShutdownWarningHours, Is.EqualTo(48));
            Assert.That(quota.Pricing!.Deployment, Is.EqualTo(15));
            Assert.That(quota.Pricing.TotalForNewContainer, Is.EqualTo(15.25));
            Assert.That(quota.Pricing.PerAdditionalInstance, Is.EqualTo(0.05));
            Assert.That(quota.Limits!.MaxImageSize, Is.EqualTo(2147483648L));
            Assert.That(quota.Limits.MaxInstancesPerContainer, Is.EqualTo(10));
            Assert.That(quota.Limits.MaxEnvVars, Is.EqualTo(50));
        });
    }

    [Test]
    public async Task CreateCredentialsAsync_posts_project_and_version_and_hides_the_token()
    {
        Respond("/api/v1/containers/credentials", "POST", """
            {"success":true,"data":{"ecrRepositoryUri":"1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/p","ecrImageUri":"1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/p:1.0.0-1",
             "ecrImageTag":"1.0.0-1","authToken":"QVdTOnNlY3JldHBhc3N3b3Jk","authTokenExpiresAt":"2026-04-27T22:30:00.000Z","registryEndpoint":"https://1.dkr.ecr.us-east-1.amazonaws.com"}}
            """);

        var credentials = await Api.Client.Containers.CreateCredentialsAsync("my-project", "1.0.0");

        AssertRequest("POST", "/api/v1/containers/credentials", """{"projectId":"my-project","version":"1.0.0"}""");
        Assert.Multiple(() =>
        {
            Assert.That(credentials.EcrRepositoryUri, Does.EndWith("/elizaos/o/p"));
            Assert.That(credentials.EcrImageUri, Does.EndWith(":1.0.0-1"));
            Assert.That(credentials.EcrImageTag, Is.EqualTo("1.0.0-1"));
            Assert.That(credentials.AuthToken, Is.EqualTo("QVdTOnNlY3JldHBhc3N3b3Jk"));
            Assert.That(credentials.AuthTokenExpiresAt, Is.EqualTo("2026-04-27T22:30:00.000Z"));
            Assert.That(credentials.RegistryEndpoint, Is.EqualTo("https://1.dkr.ecr.us-east-1.amazonaws.com"));
            Assert.That(credentials.ToString(), Does.Not.Contain("QVdTOnNlY3JldHBhc3N3b3Jk"));
        });
    }

    [Test]
    public void CreateCredentialsAsync_requires_project_and_version_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.CreateCredentialsAsync("", "1"));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.CreateCredentialsAsync("p", " "));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task ListDeploymentsAsync_maps_the_container_and_deployments()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/deployments", "GET", """
            {"success":true,"data":{"container":{"id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","name":"Agent","current_status":"running","load_balancer_url":"http://lb","ecs_service_arn":"arn:svc"},
             "deployments":[{"id":"d-1","status":"success","cost":"15.00","error":null,
               "metadata":{"container_id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","container_name":"Agent","desired_count":1,"cpu":1792,"memory":1792,"port":3000,"image_tag":"v1","ecs_service_arn":"arn:svc"},
               "deployed_at":"2026-04-27T10:00:00Z","duration_ms":540000}],"total":1}}
            """);

        var history = await Api.Client.Containers.ListDeploymentsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01");

        AssertRequest("GET", "/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/deployments");
        var deployment = history.Deployments.Single();
        Assert.Multiple(() =>
        {
            Assert.That(history.Container!.CurrentStatus, Is.EqualTo("running"));
            Assert.That(history.Container.LoadBalancerUrl, Is.EqualTo("http://lb"));
            Assert.That(history.Total, Is.EqualTo(1));
            Assert.That(deployment.Status, Is.EqualTo("success"));
            Assert.That(deployment.Cost, Is.EqualTo("15.00"));
            Assert.That(deployment.Error, Is.Null);
            Assert.That(deployment.Metadata!.Cpu, Is.EqualTo(1792));
            Assert.That(deployment.Metadata.ImageTag, Is.EqualTo("v1"));
            Assert.That(deployment.DeployedAt, Is.EqualTo("2026-04-27T10:00:00Z"));
            Assert.That(deployment.DurationMs, Is.EqualTo(540000));
        });
    }

    [Test]
    public async Task GetMetricsAsync_sends_the_period_and_maps_the_metrics()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/metrics", "GET", """
            {"success":true,"data":{"container":{"id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","name":"Agent","status":"running"},"metrics":{"cpu_utilization":12.5,"memory_utilization":40.25,
             "network_rx_bytes":1024,"network_tx_bytes":2048,"task_count":1,"healthy_task_count":1,"timestamp":"2026-04-27T10:00:00Z"},"period_minutes":30}}
            """);

        var report = await Api.Client.Containers.GetMetricsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", 30);

        AssertRequest("GET", "/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/metrics?period=30");
        Assert.Multiple(() =>
        {
            Assert.That(report.Container!.Status, Is.EqualTo("running"));
            Assert.That(report.Metrics.CpuUtilization, Is.EqualTo(12.5));
            Assert.That(report.Metrics.MemoryUtilization, Is.EqualTo(40.25));
            Assert.That(report.Metrics.NetworkRxBytes, Is.EqualTo(1024));
            Assert.That(report.Metrics.NetworkTxBytes, Is.EqualTo(2048));
            Assert.That(report.Metrics.TaskCount, Is.EqualTo(1));
            Assert.That(report.Metrics.HealthyTaskCount, Is.EqualTo(1));
            Assert.That(report.Metrics.Timestamp, Is.EqualTo("2026-04-27T10:00:00Z"));
            Assert.That(report.PeriodMinutes, Is.EqualTo(30));
        });
    }

    [Test]
    public async Task GetLogsAsync_sends_level_limit_and_since_and_maps_entries()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs", "GET", """
            {"success":true,"data":{"container":{"id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","name":"Agent","status":"running","ecs_service_arn":"arn:svc"},
             "logs":[{"timestamp":"2026-04-27T10:00:03.120Z","level":"error","message":"boom"}],"total":1,"hasLogs":true,
             "filters":{"limit":20,"since":"2026-04-27T09:00:00.000Z","level":"error"}}}
            """);

        var logs = await Api.Client.Containers.GetLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", "error", 20, new DateTimeOffset(2026, 4, 27, 11, 0, 0, TimeSpan.FromHours(2)));

        AssertRequest("GET", "/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs?level=error&limit=20&since=2026-04-27T09%3A00%3A00.000Z");
        Assert.Multiple(() =>
        {
            Assert.That(logs.Container!.EcsServiceArn, Is.EqualTo("arn:svc"));
            Assert.That(logs.Logs.Single().Message?.Text, Is.EqualTo("boom"));
            Assert.That(logs.Logs.Single().Level, Is.EqualTo("error"));
            Assert.That(logs.Total, Is.EqualTo(1));
            Assert.That(logs.HasLogs, Is.True);
            Assert.That(logs.Filters!.Limit, Is.EqualTo(20));
            Assert.That(logs.Filters.Since, Is.EqualTo("2026-04-27T09:00:00.000Z"));
            Assert.That(logs.Message, Is.Null);
        });
    }

    [Test]
    public async Task GetLogsAsync_without_logs_maps_the_explanation()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs", "GET", """{"success":true,"data":{"logs":[],"total":0,"hasLogs":false,"message":"No logs yet","filters":{"limit":100,"since":null,"level":"all"}}}""");

        var logs = await Api.Client.Containers.GetLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01");

        AssertRequest("GET", "/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/logs");
        Assert.That(logs.Logs, Is.Empty);
        Assert.That(logs.Message, Is.EqualTo("No logs yet"));
        Assert.That(logs.Filters!.Level, Is.EqualTo("all"));
    }

    [TestCase("trace", null)]
    [TestCase(null, 0)]
    [TestCase(null, 501)]
    public void GetLogsAsync_rejects_bad_filters_before_sending(string? level, int? limit)
    {
        Assert.CatchAsync<ArgumentException>(() => Api.Client.Containers.GetLogsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", level, limit));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Not_yet_deployed_is_an_invalid_request()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/metrics", "GET", """{"success":false,"error":"Container has not been deployed to ECS yet"}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => Api.Client.Containers.GetMetricsAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"));
        Assert.That(ex!.Message, Does.Contain("not been deployed"));
    }

    [Test]
    public void CreateAsync_is_not_repeated_after_an_ambiguous_failure()
    {
        using var api = new FakeApi(o => o.MaxRetries = 2);
        api.Server.Given(Request.Create().WithPath("/api/v1/containers").UsingPost()).RespondWith(Response.Create().WithStatusCode(502));

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Containers.CreateAsync(new CreateContainerRequest { Name = "a", ProjectName = "p", EcrImageUri = "x.dkr.ecr.y/z:1" }));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }
}
