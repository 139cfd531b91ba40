using System.Diagnostics;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// One shared client under a burst of concurrent calls and a long run of sequential streams, on loopback: every
/// answer reaches the right caller, connections are pooled and reused, timers stay on time (no thread-pool
/// starvation), and memory, connections and handles come back. The figures go to the test output (docs/reliability.md).
/// </summary>
[Category("Load")]
[NonParallelizable]
public class LoadTests
{
    private const int ConcurrentCalls = 1000;
    private const int SoakStreams = 3000;
    private const int FollowUpCalls = 20;

    [Test]
    public async Task One_client_completes_1000_concurrent_mixed_calls_on_a_pooled_connection_set()
    {
        var server = EchoServer.Start();
        var client = Client(server);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CallAsync(client, i)));
        var baseline = SettledMemory();
        using var lag = new TimerLagProbe();

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentCalls).Select(i => CallAsync(client, i))).WaitAsync(TimeSpan.FromSeconds(30));
        var burst = clock.Elapsed;
        var afterBurst = server.AcceptedConnections;
        // Fewer calls at once than connections already open: the pool must serve them all.
        await Task.WhenAll(Enumerable.Range(0, FollowUpCalls).Select(i => CallAsync(client, i))).WaitAsync(TimeSpan.FromSeconds(30));
        var maxLag = lag.Stop();
        var withPool = SettledMemory();
        var (accepted, maxOpen) = (server.AcceptedConnections, server.MaxConcurrentConnections);
        // Idle pooled connections (and the test server's own per-connection buffers) hold memory until they close.
        await CloseAsync(client, server);
        server.Dispose();
        var after = SettledMemory();

        TestContext.Out.WriteLine($"burst of {ConcurrentCalls} mixed calls: {burst.TotalMilliseconds:F0} ms; connections accepted {afterBurst} (max {maxOpen} at once), after a further {FollowUpCalls} concurrent calls {accepted}; worst timer lag {maxLag.TotalMilliseconds:F0} ms; thread pool {ThreadPool.ThreadCount} threads; managed memory {baseline / 1024.0 / 1024:F1} MB before, {withPool / 1024.0 / 1024:F1} MB with the {afterBurst} connections pooled, {after / 1024.0 / 1024:F1} MB once they closed");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(Enumerable.Range(0, ConcurrentCalls).Select(i => $"call-{i}")), "every caller got its own answer");
            Assert.That(maxOpen, Is.LessThanOrEqualTo(new MiladyCloudClientOptions().MaxConnectionsPerServer), "bounded by the default MaxConnectionsPerServer");
            Assert.That(accepted, Is.EqualTo(afterBurst), "a later burst no larger than the pool reuses its connections");
            Assert.That(maxLag, Is.LessThan(TimeSpan.FromSeconds(2)), "timers stayed on time: no thread-pool starvation");
            Assert.That(after - baseline, Is.LessThan(24L * 1024 * 1024), "memory returned near its baseline");
        });
    }

    [Test]
    public async Task A_connection_cap_queues_the_calls_beyond_it_and_all_complete()
    {
        const int cap = 8;
        var server = EchoServer.Start();
        var client = Client(server, o => o.MaxConnectionsPerServer = cap);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => CallAsync(client, i))).WaitAsync(TimeSpan.FromSeconds(30));
        var (accepted, maxOpen) = (server.AcceptedConnections, server.MaxConcurrentConnections);
        await CloseAsync(client, server);
        server.Dispose();

        TestContext.Out.WriteLine($"200 mixed calls with MaxConnectionsPerServer = {cap}: {accepted} connections accepted, at most {maxOpen} at once");
        Assert.That(answers, Is.EqualTo(Enumerable.Range(0, 200).Select(i => $"call-{i}")));
        Assert.That(maxOpen, Is.LessThanOrEqualTo(cap));
        Assert.That(accepted, Is.LessThanOrEqualTo(cap));
    }

    [Test]
    public async Task Repeated_bursts_on_fresh_clients_do_not_accumulate_memory()
    {
        var baseline = SettledMemory();
        var settled = new List<long>();
        for (var round = 0; round < 4; round++)
        {
            using (var server = EchoServer.Start())
            {
                var client = Client(server);
                var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentCalls).Select(i => CallAsync(client, i))).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.That(answers.Where((answer, i) => answer != $"call-{i}"), Is.Empty);
                await CloseAsync(client, server);
            }

            settled.Add(SettledMemory());
        }

        TestContext.Out.WriteLine($"managed memory {baseline / 1024.0 / 1024:F1} MB before, after each burst of {ConcurrentCalls} and disposal: {string.Join(", ", settled.Select(m => $"{m / 1024.0 / 1024:F1} MB"))}");
        // What stays is pooled buffers and caches (it varies by a few MB from round to round), not per-call state:
        // 4,000 calls leaking even 4 KB each would cross this line.
        Assert.That(settled, Has.All.LessThan(baseline + (16L * 1024 * 1024)));
    }

    [Test]
    public async Task Thousands_of_sequential_streams_leak_no_connection_handle_or_memory()
    {
        using var server = EchoServer.Start();
        using var client = Client(server);
        for (var i = 0; i < 50; i++)
        {
            await CallAsync(client, 1);
        }

        var baseline = SettledMemory();
        var handles = OpenHandles();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < SoakStreams; i++)
        {
            var answer = await StreamAsync(client, i);
            if (answer != $"call-{i}")
            {
                Assert.Fail($"stream {i} answered {answer}");
            }
        }

        var elapsed = clock.Elapsed;
        var after = SettledMemory();
        var handlesAfter = OpenHandles();

        TestContext.Out.WriteLine($"{SoakStreams} sequential streams: {elapsed.TotalMilliseconds:F0} ms ({elapsed.TotalMilliseconds / SoakStreams:F2} ms each); connections accepted {server.AcceptedConnections}; open handles {handles} before, {handlesAfter} after; managed memory {baseline / 1024.0 / 1024:F1} MB before, {after / 1024.0 / 1024:F1} MB after");
        Assert.Multiple(() =>
        {
            Assert.That(server.AcceptedConnections, Is.LessThanOrEqualTo(2), "each finished stream returns its connection to the pool");
            Assert.That(handlesAfter - handles, Is.LessThan(20), "no socket or handle leaked");
            Assert.That(after - baseline, Is.LessThan(16L * 1024 * 1024), "no memory leaked");
        });
    }

    /// <summary>Disposes the client and waits (bounded) until the server has seen every pooled connection close.</summary>
    private static async Task CloseAsync(MiladyCloudClient client, RawServer server)
    {
        client.Dispose();
        for (var i = 0; i < 500 && server.OpenConnections > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(server.OpenConnections, Is.Zero, "disposing the client closes its pooled connections");
    }

    private static Task<string> CallAsync(MiladyCloudClient client, int index)
        => index % 2 == 0 ? JsonAsync(client, index) : StreamAsync(client, index);

    private static async Task<string> JsonAsync(MiladyCloudClient client, int index)
    {
        var completion = await client.Chat.CreateAsync(Request(index));
        return completion.Choices[0].Message.Content!;
    }

    private static async Task<string> StreamAsync(MiladyCloudClient client, int index)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in client.Chat.StreamAsync(Request(index)))
        {
            text.Append(chunk.Choices[0].Delta.Content);
        }

        return text.ToString();
    }

    private static ChatCompletionRequest Request(int index)
        => new() { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = $"call-{index}" }] };

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Open file descriptors on Linux (sockets included); the process handle count elsewhere.</summary>
    private static int OpenHandles()
    {
        SettledMemory();
        return Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount;
    }

    /// <summary>Measures how late a 10 ms timer fires while the load runs: starvation shows as lag.</summary>
    private sealed class TimerLagProbe : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<TimeSpan> _probe;

        public TimerLagProbe() => _probe = RunAsync(_stop.Token);

        public TimeSpan Stop()
        {
            _stop.Cancel();
            return _probe.GetAwaiter().GetResult();
        }

        public void Dispose() => _stop.Dispose();

        private static async Task<TimeSpan> RunAsync(CancellationToken stop)
        {
            var worst = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                var before = clock.Elapsed;
                try
                {
                    await Task.Delay(10, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var lag = clock.Elapsed - before - TimeSpan.FromMilliseconds(10);
                worst = lag > worst ? lag : worst;
            }

            return worst;
        }
    }
}
