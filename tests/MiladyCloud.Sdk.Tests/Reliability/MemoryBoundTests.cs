using System.Collections.Concurrent;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// The memory bound of docs/reliability.md as a property: for every hostile answer (each 64 times the configured
/// <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>), the call ends in a result or a <see cref="MiladyCloudException"/>,
/// and the managed memory it held at its peak (bounded by <see cref="MemoryMeter"/>: what it allocated plus what it
/// rented from the array pool) stays under the limit (twice the limit for one stream event, held contiguously) plus a
/// constant. The counts are exact and do not depend on when the garbage collector runs, so the bound holds on a busy
/// machine; the servers write from preallocated blocks so their own allocations stay far below the constant. Cases with
/// retries on answer every attempt the same way (the retry rules read each error body's start) and pass the retry
/// delays on a fake clock; the bound is the same, whatever the number of attempts.
/// </summary>
[Category("Faults")]
[NonParallelizable]
public class MemoryBoundTests
{
    /// <summary>What one call costs besides the body: connection, handlers, retry pipeline, exception texts.</summary>
    private const long Constant = 4L * 1024 * 1024;

    [OneTimeSetUp]
    public async Task WarmUp()
    {
        // The bombs are built once per run, and the first call pays for type loading; neither belongs to the measurement.
        _ = Payloads.Member("gzip", ' ', 16);
        _ = Payloads.Member("gzip", 'x', 16);
        _ = Payloads.Member("br", ' ', HostileCases.HostileMegabytes);
        // One case of each call, with and without retries: each path loads its own types once.
        foreach (var hostile in HostileCases.All.DistinctBy(c => (c.Call, c.Retries > 0)))
        {
            await RunAsync(hostile);
        }
    }

    public static IEnumerable<string> Cases => HostileCases.All.Select(c => c.Name);

    [TestCaseSource(nameof(Cases))]
    public async Task A_hostile_answer_ends_in_a_result_or_an_SDK_exception_within_the_memory_bound(string name)
    {
        var hostile = HostileCases.All.Single(c => c.Name == name);
        var (outcome, peak) = await RunAsync(hostile);

        var bound = (hostile.LimitFactor * (long)HostileCases.Limit) + Constant;
        TestContext.Out.WriteLine($"{hostile.Name}: {outcome?.GetType().Name ?? "result"}, at most {peak / 1024} KiB held (bound {bound / 1024} KiB)");
        Assert.That(outcome, hostile.Expected == typeof(void) ? Is.Null : Is.TypeOf(hostile.Expected));
        Assert.That(peak, Is.LessThan(bound), "managed memory beyond the documented bound");
    }

    private static async Task<(Exception? Outcome, long PeakBytes)> RunAsync(HostileCase hostile)
    {
        using var server = new RawServer(hostile.Answer);
        var clock = Clock();
        var delays = new ConcurrentQueue<TimeSpan>();
        var retries = 0;
        using var client = Client(server, o =>
        {
            o.MaxResponseBytes = HostileCases.Limit;
            o.MaxRetries = hostile.Retries;
            o.TimeProvider = clock;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryScheduled = (_, delay) => delays.Enqueue(delay);
        });
        var result = await MemoryMeter.MeasureAsync(async () =>
        {
            var call = Call(client, hostile.Call);
            // The retry delays pass on the fake clock: each as soon as the SDK schedules it, so nothing sleeps for real.
            for (var i = 0; i < 500 && !call.IsCompleted; i++)
            {
                if (delays.TryDequeue(out var delay))
                {
                    retries++;
                    clock.Advance(delay);
                }
                else
                {
                    await Task.WhenAny(call, Task.Delay(5));
                }
            }

            return await OutcomeAsync(call);
        });
        Assert.That(retries, Is.EqualTo(hostile.Retries), "the retries the case is about were made");
        return result;
    }

    private static Task Call(MiladyCloudClient client, HostileCall call) => call switch
    {
        HostileCall.Chat => client.Chat.CreateAsync(ChatRequest()),
        HostileCall.ChatStream => ConnectionFaultTests.ReadContentAsync(client, []),
        HostileCall.ModelList => client.Models.ListAsync(useCache: false),
        HostileCall.SpeechBytes => SpeechBytesAsync(client),
        HostileCall.SpeechStream => SpeechStreamAsync(client),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

#pragma warning disable MEAI001 // The text-to-speech interface is experimental in Microsoft.Extensions.AI; its adapter is under test.
    private static async Task SpeechBytesAsync(MiladyCloudClient client)
    {
        using var tts = client.Voice.AsTextToSpeechClient();
        await tts.GetAudioAsync("Hello");
    }
#pragma warning restore MEAI001

    private static async Task SpeechStreamAsync(MiladyCloudClient client)
    {
        await using var speech = await client.Voice.CreateSpeechAsync("Hello");
        await speech.CopyToAsync(Stream.Null);
    }
}
