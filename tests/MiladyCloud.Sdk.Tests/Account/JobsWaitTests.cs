using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.Account;

/// <summary>
/// <c>Jobs.WaitForCompletionAsync</c> against scripted answers on a fake clock: it waits exactly the interval the
/// server advises between polls, and a cancellation while it waits ends it without another request.
/// </summary>
public class JobsWaitTests
{
    private const string JobId = "6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51";

    /// <summary>Long enough that a poll sent too early would have reached the loopback server.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task The_wait_between_polls_is_the_interval_the_server_advises()
    {
        // 7 s: neither the 5 s used when the server gives no interval nor one of the bounds it is kept within.
        using var api = new ScriptedServer().Then(200, Answer("in_progress", 7000, shouldContinue: true)).Then(200, Answer("completed", null, shouldContinue: false));

        var answers = new Answers();

        var wait = api.Client.Jobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(5), answers);
        await answers.WaitForAsync(1);
        api.Clock.Advance(TimeSpan.FromMilliseconds(6999));
        await Task.Delay(Settle);
        Assert.That(api.RequestCount, Is.EqualTo(1), "no poll before the advised 7000 ms");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await api.WaitForRequestsAsync(2);
        var done = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(done.Data.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Cancelling_while_waiting_between_polls_ends_the_wait_at_once_and_sends_nothing_more()
    {
        using var api = new ScriptedServer().Then(200, Answer("in_progress", 5000, shouldContinue: true)).Then(200, Answer("in_progress", 5000, shouldContinue: true));
        using var cts = new CancellationTokenSource();

        var answers = new Answers();

        var wait = api.Client.Jobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(5), answers, cts.Token);
        await answers.WaitForAsync(1);
        api.Clock.Advance(TimeSpan.FromSeconds(2));
        await cts.CancelAsync();

        // The fake clock stays where it is: only the cancellation can end the wait.
        Assert.CatchAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(Settle);
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    /// <summary>Counts the answers the wait reports; the wait schedules its pause right after reporting one.</summary>
    private sealed class Answers : IProgress<JobResponse>
    {
        private int _count;

        public void Report(JobResponse value) => Interlocked.Increment(ref _count);

        /// <summary>Waits (bounded) for <paramref name="count"/> answers, then lets the wait reach its pause.</summary>
        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < 500 && Volatile.Read(ref _count) < count; i++)
            {
                await Task.Delay(10);
            }

            Assert.That(Volatile.Read(ref _count), Is.EqualTo(count));
            await Task.Delay(Settle);
        }
    }

    private static string Answer(string status, int? intervalMs, bool shouldContinue)
    {
        var interval = intervalMs is { } ms ? "\"intervalMs\":" + ms + "," : string.Empty;
        return "{\"success\":true,\"data\":{\"id\":\"" + JobId + "\",\"type\":\"milady_provision\",\"status\":\"" + status + "\"},"
            + "\"polling\":{" + interval + "\"shouldContinue\":" + (shouldContinue ? "true" : "false") + "}}";
    }
}
