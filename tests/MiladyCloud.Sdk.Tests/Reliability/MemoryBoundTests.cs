using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// The memory bound of docs/reliability.md as a property: for every hostile answer (each 64 times the configured
/// <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>), the call ends in a result or a <see cref="MiladyCloudException"/>,
/// and the managed memory it held at its peak (bounded by <see cref="MemoryMeter"/>: what it allocated plus what it
/// rented from the array pool) stays under the limit (twice the limit for one stream event, held contiguously) plus a
/// constant. The counts are exact and do not depend on when the garbage collector runs, so the bound holds on a busy
/// machine; the servers write from preallocated blocks so their own allocations stay far below the constant.
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
        foreach (var hostile in HostileCases.All.Take(2))
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
        using var client = Client(server, o => o.MaxResponseBytes = HostileCases.Limit);
        return await MemoryMeter.MeasureAsync(() => OutcomeAsync(hostile.Stream ? ConnectionFaultTests.ReadContentAsync(client, []) : client.Chat.CreateAsync(ChatRequest())));
    }
}
