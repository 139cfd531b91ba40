using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.Account;

/// <summary>
/// <c>Jobs.WaitForCompletionAsync</c> against scripted answers on a fake clock: it waits exactly the interval the
/// server advises between polls, and a cancellation while it waits ends it without another request.
/// </summary>
public class JobsWaitTests
{
    private const string JobId = "6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51";
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_wait_between_polls_is_the_interval_the_server_advises()
    {
        // 7 s: neither the 5 s used when the server gives no interval nor one of the bounds it is kept within.
        var clock = new DelaySignalingClock(Start);
        using var api = new ScriptedServer(o => o.TimeProvider = clock).Then(200, Answer("in_progress", 7000, shouldContinue: true)).Then(200, Answer("completed", null, shouldContinue: false));

        var wait = api.Client.Jobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(5), cancellationToken: CancellationToken.None);
        Assert.That(await clock.NextDelayAsync(), Is.EqualTo(TimeSpan.FromMilliseconds(7000)), "the advised interval");
        clock.Advance(TimeSpan.FromMilliseconds(6999));
        // The delay's timer exists and is not due: nothing but that timer can send the next poll.
        Assert.That(api.RequestCount, Is.EqualTo(1), "no poll before the advised 7000 ms");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(done.Data.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Cancelling_while_waiting_between_polls_ends_the_wait_at_once_and_sends_nothing_more()
    {
        var clock = new DelaySignalingClock(Start);
        using var api = new ScriptedServer(o => o.TimeProvider = clock).Then(200, Answer("in_progress", 5000, shouldContinue: true)).Then(200, Answer("in_progress", 5000, shouldContinue: true));
        using var cts = new CancellationTokenSource();

        var wait = api.Client.Jobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(5), cancellationToken: cts.Token);
        await clock.NextDelayAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        await cts.CancelAsync();

        // The fake clock stays where it is: only the cancellation can end the wait.
        Assert.CatchAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(api.RequestCount, Is.EqualTo(1), "the ended wait sends nothing more");
    }

    private static string Answer(string status, int? intervalMs, bool shouldContinue)
    {
        var interval = intervalMs is { } ms ? "\"intervalMs\":" + ms + "," : string.Empty;
        return "{\"success\":true,\"data\":{\"id\":\"" + JobId + "\",\"type\":\"milady_provision\",\"status\":\"" + status + "\"},"
            + "\"polling\":{" + interval + "\"shouldContinue\":" + (shouldContinue ? "true" : "false") + "}}";
    }
}
