using System.Collections.Concurrent;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Security;

/// <summary>Hostile ids never leave their path segment, and values with line breaks never reach a header.</summary>
public class InjectionTests
{
    private static readonly string[] HostileIds = ["../admin", "..\\admin", "a/../../admin", "%2e%2e/admin", "..%2Fadmin", "x?admin=1", "x#admin", "x\r\nX-Evil: 1", "/admin"];

    private static readonly (string Route, Func<MiladyCloudClient, string, Task> Call)[] IdRoutes =
    [
        ("/api/v1/containers/", (c, id) => c.Containers.GetAsync(id)),
        ("/api/v1/containers/", (c, id) => c.Containers.DeleteAsync(id)),
        ("/api/v1/containers/", (c, id) => c.Containers.GetHealthAsync(id)),
        ("/api/v1/jobs/", (c, id) => c.Jobs.GetAsync(id)),
        ("/api/invoices/", (c, id) => c.Credits.GetInvoiceAsync(id)),
        ("/api/v1/api-keys/", (c, id) => c.ApiKeys.DeleteAsync(id)),
        ("/api/v1/api-keys/", (c, id) => c.ApiKeys.RegenerateAsync(id)),
    ];

    [Test]
    public async Task A_hostile_id_is_refused_or_stays_inside_its_own_path_segment()
    {
        var targets = new ConcurrentQueue<string>();
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } request)
            {
                targets.Enqueue(request.Target);
                await c.RespondAsync(404, """{"error":{"code":"NOT_FOUND","message":"no such thing"}}""");
            }
        });
        using var client = Client(server, o => o.SessionToken = "session-token-value");

        foreach (var (route, call) in IdRoutes)
        {
            foreach (var id in HostileIds)
            {
                targets.Clear();
                var outcome = await OutcomeAsync(Started(() => call(client, id)));

                Assert.That(outcome, Is.InstanceOf<ArgumentException>().Or.InstanceOf<MiladyCloudNotFoundException>(), $"{route} with {id}");
                if (outcome is ArgumentException)
                {
                    Assert.That(targets, Is.Empty, $"{route} with {id} was sent although refused");
                    continue;
                }

                var target = targets.Single();
                var rest = target[route.Length..];
                var segment = rest.Split('/')[0];
                Assert.Multiple(() =>
                {
                    Assert.That(target, Does.StartWith(route), id);
                    Assert.That(segment, Does.Not.Contain("?").And.Not.Contain("#").And.Not.EqualTo("..").And.Not.EqualTo("."), id);
                    Assert.That(Uri.UnescapeDataString(segment), Is.EqualTo(id), $"{id} reached the server changed: {target}");
                    Assert.That(rest, Does.Not.Contain("/admin"), id);
                });
            }
        }
    }

    [Test]
    public void Model_ids_keep_their_slashes_but_never_climb_out_of_the_catalog()
    {
        using var client = Client(new Uri("http://127.0.0.1:1/api/v1/"));

        foreach (var id in new[] { "../admin", "openai/../../admin", "openai/./x", "/admin", "openai//x" })
        {
            Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync(id), id);
        }
    }

    [TestCase("ApiKey")]
    [TestCase("SessionToken")]
    [TestCase("ApplicationId")]
    public void A_header_value_with_a_line_break_is_refused_before_anything_is_sent(string setting)
    {
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey };
        const string hostile = "value\r\nX-Evil: 1";
        switch (setting)
        {
            case "ApiKey":
                options.ApiKey = "eliza_" + hostile;
                break;
            case "SessionToken":
                options.SessionToken = hostile;
                break;
            default:
                options.ApplicationId = "MyApp/1.0\r\nX-Evil: 1";
                break;
        }

        var ex = Assert.Throws<InvalidOperationException>(() => new MiladyCloudClient(options));

        Assert.That(ex!.Message, Does.Contain(setting).And.Not.Contain("X-Evil"));
    }

    [Test]
    public void A_request_body_value_with_line_breaks_stays_in_the_JSON_body()
    {
        string? sent = null;
        var transport = new RecordingHandler(request =>
        {
            sent = request.Headers.ToString();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Completion, System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, MaxRetries = 0 }, transport);

        Assert.DoesNotThrowAsync(() => client.Chat.CreateAsync(new ChatCompletionRequest { Model = "m\r\nX-Evil: 1", Messages = [new ChatMessage { Role = ChatRole.User, Content = "a\r\nX-Evil: 2" }] }));

        Assert.That(sent, Does.Not.Contain("X-Evil"));
        Assert.That(transport.Bodies.Single(), Does.Contain("m\\r\\nX-Evil: 1"));
    }

    /// <summary>Argument checks may throw before a task exists (the .NET convention for usage errors): as a task here.</summary>
    private static Task Started(Func<Task> call)
    {
        try
        {
            return call();
        }
        catch (ArgumentException ex)
        {
            return Task.FromException(ex);
        }
    }
}
