using System.Net;
using System.Text;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Containers;

public class WaitUntilHealthyTests
{
    private static string Body(string status) => "{\"success\":true,\"data\":{\"id\":\"3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01\",\"status\":\"" + status + "\",\"error_message\":\"stack failed\"}}";

    private static (MiladyCloudClient Client, QueueHandler Handler, DelaySignalingClock Clock) Create(params string[] statuses)
    {
        var clock = new DelaySignalingClock();
        var handler = new QueueHandler(statuses.Select(Body));
        var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = "eliza_test", TimeProvider = clock });
        return (client, handler, clock);
    }

    [Test]
    public async Task Polls_with_backoff_until_running_and_reports_progress()
    {
        var (client, handler, clock) = Create("pending", "deploying", "running");
        var seen = new List<ContainerHealthProgress>();
        var wait = client.Containers.WaitUntilHealthyAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", TimeSpan.FromMinutes(15), new SyncProgress(seen.Add));

        await clock.NextDelayAsync();
        Assert.That(handler.Count, Is.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That(handler.Count, Is.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.NextDelayAsync();
        Assert.That(handler.Count, Is.EqualTo(2));
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(handler.Count, Is.EqualTo(2));
        clock.Advance(TimeSpan.FromSeconds(1));

        var container = await wait;
        Assert.That(container.Status, Is.EqualTo("running"));
        Assert.That(handler.Count, Is.EqualTo(3));
        Assert.That(seen.Select(p => p.Status), Is.EqualTo(new[] { "pending", "deploying", "running" }));
        Assert.That(seen.Select(p => p.Elapsed), Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15) }));
    }

    [Test]
    public async Task Failed_deployment_throws_with_the_server_message()
    {
        var (client, _, _) = Create("failed");
        var ex = Assert.ThrowsAsync<MiladyCloudException>(() => client.Containers.WaitUntilHealthyAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", TimeSpan.FromMinutes(1)));
        Assert.That(ex!.Message, Does.Contain("stack failed"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Deadline_throws_timeout()
    {
        var (client, handler, clock) = Create("deploying", "deploying", "deploying");
        var wait = client.Containers.WaitUntilHealthyAsync("3f1c2b7a-9d4e-4c1b-8a2f-5e6d7c8b9a01", TimeSpan.FromSeconds(8));
        await clock.NextDelayAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        await clock.NextDelayAsync();
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That(Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => wait)!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.WaitDeadline));
        Assert.That(handler.Count, Is.EqualTo(3));
    }

    private sealed class SyncProgress(Action<ContainerHealthProgress> report) : IProgress<ContainerHealthProgress>
    {
        public void Report(ContainerHealthProgress value) => report(value);
    }

    private sealed class QueueHandler(IEnumerable<string> bodies) : HttpMessageHandler
    {
        private readonly Queue<string> _bodies = new(bodies);

        public int Count { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_bodies.Dequeue(), Encoding.UTF8, "application/json") });
        }
    }
}
