using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake's container routes answer like the service's handlers: the checks of a create in their order (zod 4
/// issues, environment, image, credits, quota) and a redeploy by project name; the health route's 400 and its
/// previous check; log lines read the way the service reads them; the live stream's 400 before the deployment.
/// </summary>
public class FakeServerContainerRulesTests
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
    public void A_create_body_that_fails_the_schema_gets_every_zod_issue()
    {
        var ex = RefusedCreate("""{"name":"","project_name":null,"port":3000.5,"cpu":128,"memory":4096,"architecture":"amd64","environment_vars":{"A":1},"ecr_image_uri":"x"}""");

        Assert.That(ex!.ServerMessage, Is.EqualTo("Invalid request data"));
        Assert.That(ex.Details!.Value.GetRawText(), Is.EqualTo(
            """[{"origin":"string","code":"too_small","minimum":1,"inclusive":true,"path":["name"],"message":"Too small: expected string to have \u003E=1 characters"},"""
            + """{"expected":"string","code":"invalid_type","path":["project_name"],"message":"Invalid input: expected string, received null"},"""
            + """{"expected":"int","format":"safeint","code":"invalid_type","path":["port"],"message":"Invalid input: expected int, received number"},"""
            + """{"origin":"number","code":"too_small","minimum":256,"inclusive":true,"path":["cpu"],"message":"Too small: expected number to be \u003E=256"},"""
            + """{"origin":"number","code":"too_big","maximum":2048,"inclusive":true,"path":["memory"],"message":"Too big: expected number to be \u003C=2048"},"""
            + """{"expected":"string","code":"invalid_type","path":["environment_vars","A"],"message":"Invalid input: expected string, received number"},"""
            + """{"code":"invalid_value","values":["arm64","x86_64"],"path":["architecture"],"message":"Invalid option: expected one of \u0022arm64\u0022|\u0022x86_64\u0022"}]"""));
    }

    [Test]
    public void The_environment_and_the_image_are_checked_after_the_schema()
    {
        var many = string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"V{i}\":\"x\""));

        var tooMany = RefusedCreate("""{"name":"a","project_name":"p","ecr_image_uri":"x","environment_vars":{""" + many + "}}");
        var badName = RefusedCreate("""{"name":"a","project_name":"p","ecr_image_uri":"x","environment_vars":{"1BAD":"x"}}""");
        var tooLarge = RefusedCreate("{\"name\":\"a\",\"project_name\":\"p\",\"ecr_image_uri\":\"x\",\"environment_vars\":{\"BIG\":\"" + new string('é', 16385) + "\"}}");
        var noImage = RefusedCreate("""{"name":"a","project_name":"p","ecr_image_uri":""}""");

        Assert.Multiple(() =>
        {
            Assert.That(tooMany!.ServerMessage, Is.EqualTo("Too many environment variables. Maximum 50 allowed, got 51"));
            Assert.That(tooMany.Details!.Value.GetRawText(), Is.EqualTo("""{"limit":50,"provided":51}"""));
            Assert.That(badName!.ServerMessage, Does.StartWith("Invalid environment variable name: '1BAD'."));
            Assert.That(tooLarge!.ServerMessage, Is.EqualTo("Environment variable 'BIG' value exceeds maximum size of 32768 bytes (got 32770 bytes)"));
            Assert.That(noImage!.ServerMessage, Is.EqualTo("ecr_image_uri is required"));
            Assert.That(noImage.Details!.Value.GetProperty("hint").GetString(), Does.Contain("/containers/credentials"));
        });
    }

    [Test]
    public async Task A_create_the_balance_does_not_cover_is_a_402_with_the_fee()
    {
        _fake.Replies.CreditBalance = 10m;

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => _client.Containers.CreateAsync(Settings("agent")));

        Assert.That((ex!.ServerMessage, ex.RequiredAmount), Is.EqualTo(("Insufficient balance. Required: $15.00", (decimal?)15m)));
        Assert.That(await _client.Containers.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task Creates_past_the_balance_tier_allowance_are_a_403_with_the_counts()
    {
        _fake.Replies.CreditBalance = 20m;
        // 26 creates in a row: past the CRITICAL preset (5 per 300 s) the fake refuses them, as the service does.
        _fake.Replies.RateLimitMultiplier = 10;
        using var client = _fake.CreateClient(o => o.MaxRetries = 0);
        for (var i = 0; i < 25; i++)
        {
            await client.Containers.CreateAsync(Settings("p" + i));
        }

        var ex = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => client.Containers.CreateAsync(Settings("one-more")));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Container quota exceeded. Current: 25, Max: 25"));
        Assert.That(JsonDocument.Parse(ex.RawBody!).RootElement.GetProperty("quota").GetRawText(), Is.EqualTo("""{"current":25,"max":25}"""));
    }

    [Test]
    public async Task A_create_with_the_project_name_of_an_existing_container_redeploys_it()
    {
        var first = (await _client.Containers.CreateAsync(Settings("agent"))).Data;
        await RunAsync(first.Id);

        var again = (await _client.Containers.CreateAsync(new CreateContainerRequest { Name = "Agent v2", ProjectName = "agent", EcrImageUri = Image + "-2", Cpu = 1024, Architecture = ContainerArchitecture.X64 })).Data;

        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo(first.Id), "the same container, updated in place");
            Assert.That((again.Name, again.Status, again.IsUpdate, again.Cpu, again.Architecture), Is.EqualTo(("Agent v2", "pending", "true", (int?)1024, "x86_64")));
            Assert.That(again.Metadata!["previous_image"].GetString(), Is.EqualTo(Image));
            Assert.That(again.Metadata["ecr_image_uri"].GetString(), Is.EqualTo(Image + "-2"));
        });
        Assert.That(await _client.Containers.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_health_check_needs_the_containers_URL_and_reports_the_check_before()
    {
        var id = (await _client.Containers.CreateAsync(Settings("agent"))).Data.Id;

        var early = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Containers.GetHealthAsync(id));
        await RunAsync(id);
        var first = await _client.Containers.GetHealthAsync(id);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _client.Containers.GetHealthAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(early!.ServerMessage, Is.EqualTo("Unable to perform health check - container may not have a URL"));
            Assert.That((first.Healthy, first.StatusCode, first.Error, first.LastHealthCheck), Is.EqualTo((true, (int?)200, (string?)null, (string?)null)));
            Assert.That(first.AdditionalProperties, Does.Not.ContainKey("error"), "the service never sends error");
            Assert.That((second.CheckedAt, second.LastHealthCheck), Is.EqualTo(("2026-11-28T12:01:00.000Z", first.CheckedAt)));
        });
    }

    [Test]
    public async Task Log_lines_are_read_like_the_service_reads_them()
    {
        _fake.Replies.ContainerLogLines.Clear();
        foreach (var line in new[]
        {
            """{"level":"warn","message":{"code":"E_DISK","free":"20%"},"host":"a"}""",
            """{"level":"error","message":42}""",
            """{"level":30,"msg":"pino line"}""",
            """{"level":"info","message":""}""",
        })
        {
            _fake.Replies.ContainerLogLines.Add(line);
        }

        var id = await RunAsync((await _client.Containers.CreateAsync(Settings("agent"))).Data.Id);
        var logs = (await _client.Containers.GetLogsAsync(id)).Logs;

        Assert.Multiple(() =>
        {
            Assert.That(logs.Select(l => l.Level), Is.EqualTo(new[] { "warn", "error", "info", "info" }));
            Assert.That(logs[0].Message!.Value!.Value.GetProperty("code").GetString(), Is.EqualTo("E_DISK"), "a JSON line's message is kept as logged");
            Assert.That(logs[0].Metadata!["host"].GetString(), Is.EqualTo("a"));
            Assert.That(logs[1].Message!.Value!.Value.GetInt32(), Is.EqualTo(42));
            Assert.That((logs[2].Message!.Text, logs[2].Metadata), Is.EqualTo(("""{"level":30,"msg":"pino line"}""", (IDictionary<string, JsonElement>?)null)), "a numeric level makes the service read the line as text");
            Assert.That(logs[3].Message!.Text, Is.EqualTo("""{"level":"info","message":""}"""), "an empty message keeps the whole line");
        });
    }

    [Test]
    public async Task The_live_stream_waits_for_the_ECS_service_with_the_services_message()
    {
        var id = (await _client.Containers.CreateAsync(Settings("agent"))).Data.Id;

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(async () =>
        {
            await foreach (var _ in _client.Containers.StreamLogsAsync(id))
            {
            }
        });

        Assert.That(ex!.ServerMessage, Is.EqualTo("Container has not been deployed to ECS yet. Logs will be available once deployment is complete."));
    }

    private static CreateContainerRequest Settings(string project) => new() { Name = project, ProjectName = project, EcrImageUri = Image };

    private MiladyCloudInvalidRequestException? RefusedCreate(string json)
        => Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.SendAsync(HttpMethod.Post, "containers", JsonDocument.Parse(json).RootElement));

    private async Task<string> RunAsync(string id)
    {
        while ((await _client.Containers.GetAsync(id)).Status != "running")
        {
        }

        return id;
    }
}
