using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Retry;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Containers;

/// <summary>
/// What the container handlers of elizaOS/cloud really do, held against the SDK: log messages that are not strings,
/// the statuses of create and health, the architecture values, and the one call that must not run twice.
/// </summary>
public class ContainerServerRulesTests
{
    private const string Id = "3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01";
    private const string ContainerJson = """{"id":"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01","name":"Agent","project_name":"proj","status":"deploying"}""";

    [Test]
    public async Task A_JSON_log_line_whose_message_is_not_a_string_is_kept_instead_of_failing_the_list()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath($"/api/v1/containers/{Id}/logs").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""
                {"success":true,"data":{"logs":[
                  {"timestamp":"2026-04-27T10:00:03.000Z","level":"info","message":42},
                  {"timestamp":"2026-04-27T10:00:02.000Z","level":"error","message":{"code":"E_DB","retry":true},"metadata":{"pid":7}},
                  {"timestamp":"2026-04-27T10:00:01.000Z","level":"info","message":["a",1]},
                  {"timestamp":"2026-04-27T10:00:00.000Z","level":"warn","message":"disk 80% full"}],
                 "total":4,"hasLogs":true,"filters":{"limit":100,"since":null,"level":"all"}}}
                """));

        var logs = await api.Client.Containers.GetLogsAsync(Id);

        var messages = logs.Logs.Select(l => l.Message!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m.Text), Is.EqualTo(new[] { "42", """{"code":"E_DB","retry":true}""", """["a",1]""", "disk 80% full" }));
            Assert.That(messages.Select(m => m.IsText), Is.EqualTo(new[] { false, false, false, true }));
            Assert.That(messages[0].Value!.Value.GetInt32(), Is.EqualTo(42));
            Assert.That(messages[1].Value!.Value.GetProperty("code").GetString(), Is.EqualTo("E_DB"));
            Assert.That(messages[3].Value, Is.Null);
            Assert.That((string?)messages[3], Is.EqualTo("disk 80% full"), "a message reads as its text");
            Assert.That(logs.Logs[1].Metadata!["pid"].GetInt32(), Is.EqualTo(7));
        });
    }

    [Test]
    public void A_live_log_line_whose_message_is_an_object_does_not_end_the_stream()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath($"/api/v1/containers/{Id}/logs/stream").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"t1\",\"level\":\"info\",\"message\":{\"event\":\"boot\"}}}\n\n" +
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"t2\",\"level\":\"info\",\"message\":3.5}}\n\n" +
                "data: {\"type\":\"log\",\"data\":{\"timestamp\":\"t3\",\"level\":\"info\",\"message\":\"ready\"}}\n\n"));

        var texts = new List<string?>();
        var ended = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(async () =>
        {
            await foreach (var item in api.Client.Containers.StreamLogsAsync(Id))
            {
                texts.Add(((ContainerLogLineEvent)item).Data.Message?.Text);
            }
        });

        Assert.That(texts, Is.EqualTo(new[] { """{"event":"boot"}""", "3.5", "ready" }));
        Assert.That(ended!.ItemsReceived, Is.EqualTo(3), "only the server closing the stream ends it");
    }

    [Test]
    public void A_log_message_is_written_back_in_the_form_it_came_in()
    {
        var entries = JsonSerializer.Deserialize("""[{"message":{"a":[1,2]}},{"message":"text"},{"message":null},{"message":false}]""", MiladyCloudJsonContext.Default.IListContainerLogEntry)!;

        var json = JsonSerializer.Serialize(entries, MiladyCloudJsonContext.Default.IListContainerLogEntry);

        Assert.That(json, Is.EqualTo("""[{"message":{"a":[1,2]}},{"message":"text"},{},{"message":false}]"""));
        Assert.That(entries[3].Message!.Text, Is.EqualTo("false"));
    }

    [Test]
    public async Task The_architecture_is_sent_as_the_server_spells_it()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/containers").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json").WithBody("""{"success":true,"data":""" + ContainerJson + "}"));

        await api.Client.Containers.CreateAsync(new CreateContainerRequest { Name = "a", ProjectName = "p", EcrImageUri = "1.dkr.ecr.us-east-1.amazonaws.com/r:1", Architecture = ContainerArchitecture.X64 });

        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"name":"a","project_name":"p","ecr_image_uri":"1.dkr.ecr.us-east-1.amazonaws.com/r:1","architecture":"x86_64"}"""));
    }

    [Test]
    public void An_architecture_the_server_does_not_know_is_refused_before_sending()
    {
        using var api = new FakeApi();

        Assert.ThrowsAsync<ArgumentException>(() => api.Client.Containers.CreateAsync(new CreateContainerRequest { Name = "a", ProjectName = "p", EcrImageUri = "u", Architecture = "amd64" }));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [TestCase(402, """{"success":false,"error":"Insufficient balance. Required: $15.00","requiredCredits":15}""", typeof(MiladyCloudInsufficientCreditsException))]
    [TestCase(403, """{"success":false,"error":"Container quota exceeded. Current: 5, Max: 5","quota":{"current":5,"max":5}}""", typeof(MiladyCloudForbiddenException))]
    [TestCase(409, """{"success":false,"error":"A container with this name already exists in your organization"}""", typeof(MiladyCloudApiException))]
    [TestCase(400, """{"success":false,"error":"Invalid request data","details":[{"expected":"string","code":"invalid_type","path":["name"],"message":"Invalid input: expected string, received null"}]}""", typeof(MiladyCloudInvalidRequestException))]
    public void The_refusals_of_a_create_become_typed_exceptions_and_are_not_retried(int status, string body, Type expected)
    {
        using var api = new ScriptedServer().Then(status, body).Then(202, """{"success":true,"data":""" + ContainerJson + "}");

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Containers.CreateAsync(new CreateContainerRequest { Name = "a", ProjectName = "p", EcrImageUri = "u" }));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex!.StatusCode, Is.EqualTo((System.Net.HttpStatusCode)status));
        Assert.That(api.RequestCount, Is.EqualTo(1));
        if (ex is MiladyCloudInsufficientCreditsException credits)
        {
            Assert.That(credits.RequiredAmount, Is.EqualTo(15m));
        }
    }

    [Test]
    public void A_health_check_of_a_container_without_a_URL_is_a_400()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath($"/api/v1/containers/{Id}/health").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody("""{"success":false,"error":"Unable to perform health check - container may not have a URL"}"""));

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => api.Client.Containers.GetHealthAsync(Id));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Unable to perform health check - container may not have a URL"));
    }

    [Test]
    public void An_unreachable_container_is_a_500_of_the_health_route_not_an_unhealthy_result()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath($"/api/v1/containers/{Id}/health").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json").WithBody("""{"success":false,"error":"fetch failed"}"""));

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Containers.GetHealthAsync(Id));

        Assert.That(ex!.ServerMessage, Is.EqualTo("fetch failed"));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public void An_update_is_not_repeated_after_an_ambiguous_failure(int status)
    {
        // Each PATCH starts a 5-15 minute stack update; a repeat after a lost answer would start another.
        using var api = new ScriptedServer(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true)
            .Then(status, """{"success":false,"error":"Stack update timed out"}""")
            .Then(200, """{"success":true,"data":""" + ContainerJson + "}");

        Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Containers.UpdateAsync(Id, new UpdateContainerRequest { Cpu = 512 }));

        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task An_update_is_still_retried_when_the_server_certainly_did_nothing()
    {
        using var api = new ScriptedServer().Then(503, """{"success":false,"error":"busy"}""", ("Retry-After", "1")).Then(200, """{"success":true,"message":"Container updated successfully","data":""" + ContainerJson + "}");

        var call = api.Client.Containers.UpdateAsync(Id, new UpdateContainerRequest { Cpu = 512 });
        api.Clock.Advance(await api.NextRetryDelayAsync());
        var result = await call;

        Assert.That(result.Status, Is.EqualTo("deploying"));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_read_of_the_same_container_is_still_retried_after_a_500()
    {
        using var api = new ScriptedServer().Then(500, """{"success":false,"error":"Connection terminated"}""").Then(200, """{"success":true,"data":""" + ContainerJson + "}");

        var call = api.Client.Containers.GetAsync(Id);
        api.Clock.Advance(await api.NextRetryDelayAsync());
        await call;

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }
}
