using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Containers;

public class ContainersClientTests : WireMockClientTests
{
    private const string ContainerJson = """
        {"id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","name":"Agent","project_name":"proj","status":"running","is_update":"false","total_billed":"12.50",
         "environment_vars":{"A":"1"},"desired_count":1,"cpu":1792,"memory":1792,"port":3000,"architecture":"arm64",
         "load_balancer_url":"http://lb.example","metadata":{"ecr_image_uri":"x.dkr.ecr.y/z:1"}}
        """;

    [Test]
    public async Task ListAsync_gets_containers_and_maps_fields_as_sent()
    {
        Respond("/api/v1/containers", "GET", "{\"success\":true,\"data\":[" + ContainerJson + "]}");

        var container = (await Api.Client.Containers.ListAsync()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(container.Id, Is.EqualTo("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"));
            Assert.That(container.ProjectName, Is.EqualTo("proj"));
            Assert.That(container.Status, Is.EqualTo("running"));
            Assert.That(container.IsUpdate, Is.EqualTo("false"));
            Assert.That(container.TotalBilled, Is.EqualTo("12.50"));
            Assert.That(container.EnvironmentVars!["A"], Is.EqualTo("1"));
            Assert.That(container.Cpu, Is.EqualTo(1792));
            Assert.That(container.Port, Is.EqualTo(3000));
            Assert.That(container.LoadBalancerUrl, Is.EqualTo("http://lb.example"));
        });
        Assert.That(Api.SingleRequest().RequestMessage!.Method, Is.EqualTo("GET"));
    }

    [Test]
    public async Task GetAsync_sends_a_UUID_in_braces_as_one_escaped_segment()
    {
        var handler = RecordingHandler.Json("{\"success\":true,\"data\":" + ContainerJson + "}");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        var container = await client.Containers.GetAsync("{3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01}");

        Assert.That(container.Name, Is.EqualTo("Agent"));
        Assert.That(handler.Requests.Single().RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/containers/%7B3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01%7D"));
    }

    // The server passes the id to a UUID column unchecked: anything else would fail in the database with a 500.
    [TestCase("..")]
    [TestCase(" ")]
    [TestCase("c 1/x")]
    [TestCase("c-1")]
    [TestCase("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a0")]
    [TestCase(" 3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01")]
    [TestCase("(3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01)")]
    public void GetAsync_rejects_ids_that_are_not_UUIDs_before_sending(string id)
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.GetAsync(id));
        Assert.That(ex!.ParamName, Is.EqualTo("containerId"));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [TestCase("3f1c2b7a9d4e4c1b8a2f5e6d7c8b9a01")]
    [TestCase("3F1C2B7A-9D4E-4C1B-8A2F-5E6D7C8B9A01")]
    public async Task GetAsync_accepts_the_other_UUID_forms_the_database_reads(string id)
    {
        Respond("/api/v1/containers/" + id, "GET", "{\"success\":true,\"data\":" + ContainerJson + "}");

        var container = await Api.Client.Containers.GetAsync(id);

        Assert.That(container.Name, Is.EqualTo("Agent"));
    }

    [Test]
    public void Every_call_with_a_container_id_checks_it_before_sending()
    {
        var containers = Api.Client.Containers;
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => containers.UpdateAsync("c-1", new UpdateContainerRequest { Cpu = 512 }));
            Assert.ThrowsAsync<ArgumentException>(() => containers.DeleteAsync("c-1"));
            Assert.ThrowsAsync<ArgumentException>(() => containers.GetHealthAsync("c-1"));
            Assert.ThrowsAsync<ArgumentException>(() => containers.ListDeploymentsAsync("c-1"));
            Assert.ThrowsAsync<ArgumentException>(() => containers.GetMetricsAsync("c-1"));
            Assert.ThrowsAsync<ArgumentException>(() => containers.GetLogsAsync("c-1"));
            Assert.Throws<ArgumentException>(() => containers.StreamLogsAsync("c-1"));
            Assert.ThrowsAsync<ArgumentException>(() => containers.WaitUntilHealthyAsync("c-1", TimeSpan.FromMinutes(1)));
        });
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task CreateAsync_posts_snake_case_settings_and_maps_polling_hints()
    {
        Respond("/api/v1/containers", "POST", "{\"success\":true,\"data\":" + ContainerJson + ",\"message\":\"started\",\"creditsDeducted\":15,\"creditsRemaining\":15,\"stackName\":\"s\",\"polling\":{\"endpoint\":\"/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01\",\"intervalMs\":10000,\"expectedDurationMs\":600000}}", 202);

        var result = await Api.Client.Containers.CreateAsync(new CreateContainerRequest
        {
            Name = "Agent", ProjectName = "proj", EcrImageUri = "x.dkr.ecr.y/z:1", Port = 8080, DesiredCount = 2, Cpu = 512, Memory = 1024,
            EnvironmentVars = new Dictionary<string, string> { ["A"] = "1" }, HealthCheckPath = "/hc", Architecture = "x86_64",
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.CreditsDeducted, Is.EqualTo(15));
            Assert.That(result.StackName, Is.EqualTo("s"));
            Assert.That(result.Polling!.IntervalMs, Is.EqualTo(10000));
            Assert.That(result.Polling.ExpectedDurationMs, Is.EqualTo(600000));
            Assert.That(result.Data.Id, Is.EqualTo("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"));
        });
        using var body = JsonDocument.Parse(Api.SingleRequest().RequestMessage!.Body!);
        var root = body.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("Agent"));
            Assert.That(root.GetProperty("project_name").GetString(), Is.EqualTo("proj"));
            Assert.That(root.GetProperty("ecr_image_uri").GetString(), Is.EqualTo("x.dkr.ecr.y/z:1"));
            Assert.That(root.GetProperty("port").GetInt32(), Is.EqualTo(8080));
            Assert.That(root.GetProperty("desired_count").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("cpu").GetInt32(), Is.EqualTo(512));
            Assert.That(root.GetProperty("memory").GetInt32(), Is.EqualTo(1024));
            Assert.That(root.GetProperty("environment_vars").GetProperty("A").GetString(), Is.EqualTo("1"));
            Assert.That(root.GetProperty("health_check_path").GetString(), Is.EqualTo("/hc"));
            Assert.That(root.GetProperty("architecture").GetString(), Is.EqualTo("x86_64"));
        });
    }

    [TestCase(100, 512)]
    [TestCase(512, 4096)]
    public void CreateAsync_rejects_out_of_range_settings_before_sending(int cpu, int memory)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.CreateAsync(new CreateContainerRequest { Name = "a", ProjectName = "p", EcrImageUri = "u", Cpu = cpu, Memory = memory }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void CreateAsync_rejects_bad_environment_names_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.CreateAsync(new CreateContainerRequest
        {
            Name = "a", ProjectName = "p", EcrImageUri = "u", EnvironmentVars = new Dictionary<string, string> { ["1BAD"] = "x" },
        }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task UpdateAsync_patches_only_the_given_fields()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", "PATCH", "{\"success\":true,\"message\":\"Container updated successfully\",\"data\":" + ContainerJson + "}");

        var result = await Api.Client.Containers.UpdateAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", new UpdateContainerRequest { Memory = 1024 });

        Assert.That(result.Id, Is.EqualTo("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01"), "the container, not the envelope");
        using var body = JsonDocument.Parse(Api.SingleRequest().RequestMessage!.Body!);
        Assert.That(body.RootElement.GetProperty("memory").GetInt32(), Is.EqualTo(1024));
        Assert.That(body.RootElement.TryGetProperty("cpu", out var cpu) && cpu.ValueKind != JsonValueKind.Null, Is.False);
    }

    [Test]
    public void UpdateAsync_with_nothing_to_update_throws_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Containers.UpdateAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", new UpdateContainerRequest()));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task DeleteAsync_maps_the_refund()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", "DELETE", """{"success":true,"message":"Container deleted successfully","refundAmount":3}""");

        var result = await Api.Client.Containers.DeleteAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01");

        Assert.That(result.RefundAmount, Is.EqualTo(3));
        Assert.That(Api.SingleRequest().RequestMessage!.Method, Is.EqualTo("DELETE"));
    }

    [Test]
    public async Task GetHealthAsync_maps_the_check()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01/health", "GET", """{"success":true,"data":{"containerId":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","healthy":true,"statusCode":200,"responseTime":42,"checkedAt":"2026-04-27T10:00:00Z","containerStatus":"running","lastHealthCheck":null}}""");

        var health = await Api.Client.Containers.GetHealthAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01");

        Assert.Multiple(() =>
        {
            Assert.That(health.Healthy, Is.True);
            Assert.That(health.StatusCode, Is.EqualTo(200));
            Assert.That(health.ResponseTime, Is.EqualTo(42));
            Assert.That(health.ContainerStatus, Is.EqualTo("running"));
            Assert.That(health.LastHealthCheck, Is.Null);
        });
    }

    [Test]
    public void GetAsync_not_found_throws_typed_exception()
    {
        Respond("/api/v1/containers/3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a09", "GET", """{"success":false,"error":"Container not found"}""", 404);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => Api.Client.Containers.GetAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a09"));
        Assert.That(ex!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
    }
}
