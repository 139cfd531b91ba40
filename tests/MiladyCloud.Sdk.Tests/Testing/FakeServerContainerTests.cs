using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's container routes: deploy, poll to running, live logs (the flow a deploy-and-tail sample uses).</summary>
public class FakeServerContainerTests
{
    private static CreateContainerRequest Settings => new() { Name = "Agent", ProjectName = "agent", EcrImageUri = "1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/agent:1.0.0" };

    [Test]
    public async Task Create_answers_202_with_the_real_fee_and_polling_moves_the_status_to_running()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var created = await client.Containers.CreateAsync(Settings);
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add((await client.Containers.GetAsync(created.Data.Id)).Status);
        }

        Assert.Multiple(() =>
        {
            Assert.That(created.Data.Status, Is.EqualTo("pending"));
            Assert.That(created.CreditsDeducted, Is.EqualTo(15), "defaults: 1 x 1792 CPU x 1792 MB cost $15.00");
            Assert.That(created.Polling!.Endpoint, Is.EqualTo("/api/v1/containers/" + created.Data.Id));
            Assert.That(seen, Is.EqualTo(new[] { "building", "deploying", "running", "running" }));
        });
        var running = await client.Containers.GetAsync(created.Data.Id);
        Assert.That(running.LoadBalancerUrl, Does.StartWith("http://agent."));
        Assert.That((await client.Containers.ListAsync()).Single().Id, Is.EqualTo(created.Data.Id));
        Assert.That((await client.Containers.GetHealthAsync(created.Data.Id)).Healthy, Is.True);
    }

    [Test]
    public async Task WaitUntilHealthyAsync_against_the_fake_reports_each_status()
    {
        using var fake = MiladyCloudFakeServer.Start();
        var clock = new DelaySignalingClock();
        // No attempt timeout, so the only timers on the fake clock are the poll delays.
        using var client = fake.CreateClient(o => { o.TimeProvider = clock; o.NetworkTimeout = Timeout.InfiniteTimeSpan; });
        var created = await client.Containers.CreateAsync(Settings);
        var seen = new List<string>();

        var wait = client.Containers.WaitUntilHealthyAsync(created.Data.Id, TimeSpan.FromMinutes(15), new SyncProgress(p => seen.Add(p.Status)));
        while (!wait.IsCompleted)
        {
            if (await clock.NextDelayAsync(wait))
            {
                clock.Advance(TimeSpan.FromMinutes(1));
            }
        }

        var container = await wait;
        Assert.That(container.Status, Is.EqualTo("running"));
        Assert.That(seen, Is.EqualTo(new[] { "building", "deploying", "running" }));
    }

    [Test]
    public async Task The_live_log_stream_sends_the_lines_then_stays_open_until_the_client_leaves()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Replies.ContainerLogLines.Add("ERROR cache miss storm");
        using var client = fake.CreateClient();
        var created = await client.Containers.CreateAsync(Settings);
        Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(async () =>
        {
            await foreach (var _ in client.Containers.StreamLogsAsync(created.Data.Id))
            {
            }
        }, "before it runs, the stream is refused like the real one");
        for (var i = 0; i < 3; i++)
        {
            await client.Containers.GetAsync(created.Data.Id);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var lines = new List<ContainerLogEntry>();
        await foreach (var item in client.Containers.StreamLogsAsync(created.Data.Id, cancellationToken: cts.Token))
        {
            lines.Add(((ContainerLogLineEvent)item).Data);
            if (lines.Count == 3)
            {
                break;
            }
        }

        Assert.That(lines.Select(l => l.Message?.Text), Is.EqualTo(new[] { "Server started on port 3000", "Loaded configuration", "ERROR cache miss storm" }));
        Assert.That(lines.Select(l => l.Level), Is.EqualTo(new[] { "info", "info", "error" }));
        Assert.That(cts.IsCancellationRequested, Is.False, "the loop ended by leaving, not by the safety timeout");
    }

    private sealed class SyncProgress(Action<ContainerHealthProgress> report) : IProgress<ContainerHealthProgress>
    {
        public void Report(ContainerHealthProgress value) => report(value);
    }
}
