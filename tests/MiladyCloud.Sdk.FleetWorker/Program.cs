using System.Diagnostics.Metrics;
using System.Globalization;
using MiladyCloud.Sdk;
using StackExchange.Redis;

// One replica of a fleet (FleetTests starts four): its own client on the shared key, with or without the fleet's
// state in Redis. It prints READY once warm, reads "GO <start unix ms> <duration ms>", calls the routes of one preset
// in turn as fast as its client lets it, several calls at once, from the start until the end, and prints one RESULT line.
// Arguments: <preset: STANDARD | RELAXED | CRITICAL> <base url> <api key> [<redis configuration> <safety margin ms>]
if (args.Length is not (3 or 5) || !Calls.Presets.Contains(args[0]))
{
    Console.Error.WriteLine("usage: FleetWorker <STANDARD | RELAXED | CRITICAL> <base url> <api key> [<redis configuration> <safety margin ms>]");
    return 2;
}

var options = new MiladyCloudClientOptions { BaseUrl = new Uri(args[1]), ApiKey = args[2] };
await using var redis = args.Length == 5 ? await ConnectionMultiplexer.ConnectAsync(args[3]) : null;
if (redis is not null)
{
    var margin = TimeSpan.FromMilliseconds(double.Parse(args[4], CultureInfo.InvariantCulture));
    options.UseRedisRateLimits(redis, fleet =>
    {
        fleet.SafetyMargin = margin;
        // The test is about pacing, not about a slow Redis (the fault tests are): on a machine busy with other builds a
        // round trip can take longer than the default 250 ms, and a replica that falls back paces alone for a while.
        fleet.CommandTimeout = TimeSpan.FromSeconds(3);
    });
}

// Decisions made without Redis, reported with the result so a failing run says whether the fleet's state was in use.
var fallbacks = 0L;
using var listener = new MeterListener
{
    InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Name == "miladycloud.client.rate_limit.fleet.fallbacks")
        {
            l.EnableMeasurementEvents(instrument);
        }
    },
};
listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref fallbacks, value));
listener.Start();

using var client = new MiladyCloudClient(options);
var calls = Calls.Of(args[0], client)!;
// Warms the connection, and teaches the client the fake's shortened window of the preset (from the answer's reset)
// before the run: a client that has not learned it yet would compute a wait of a whole real window. The test starts the
// run once this call has aged out of the window.
await calls[0](CancellationToken.None);
Console.WriteLine("READY");

var go = (Console.ReadLine() ?? string.Empty).Split(' ');
var start = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(go[1], CultureInfo.InvariantCulture));
var duration = TimeSpan.FromMilliseconds(long.Parse(go[2], CultureInfo.InvariantCulture));
if (start > DateTimeOffset.UtcNow)
{
    await Task.Delay(start - DateTimeOffset.UtcNow);
}

using var stop = new CancellationTokenSource(start + duration - DateTimeOffset.UtcNow);
int ok = 0, limited = 0, failed = 0;
async Task CallInTurnsAsync(int first)
{
    for (var i = first; !stop.IsCancellationRequested; i++)
    {
        try
        {
            await calls[i % calls.Length](stop.Token);
            Interlocked.Increment(ref ok);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: a call still waiting for its turn is not a failure.
        }
        catch (MiladyCloudRateLimitedException)
        {
            Interlocked.Increment(ref limited);
        }
        catch (MiladyCloudException exception)
        {
            Interlocked.Increment(ref failed);
            Console.Error.WriteLine(exception.Message);
        }
    }
}

// Several calls at once, as a busy service would make them.
await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(CallInTurnsAsync));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT ok={ok} limited={limited} failed={failed} fallbacks={Interlocked.Read(ref fallbacks)}"));
return 0;

/// <summary>The worker's constants.</summary>
internal static partial class Program
{
    /// <summary>How many calls one replica keeps going at once.</summary>
    private const int Concurrency = 4;
}

/// <summary>The calls a worker makes in turn, by the preset their routes share.</summary>
internal static class Calls
{
    public static readonly string[] Presets = ["STANDARD", "RELAXED", "CRITICAL"];

    public static Func<CancellationToken, Task>[]? Of(string preset, MiladyCloudClient client) => preset switch
    {
        "STANDARD" =>
        [
            token => client.User.GetAsync(token),
            token => client.Knowledge.ListAsync(cancellationToken: token),
            token => client.Credits.GetBillingSettingsAsync(token),
        ],
        "RELAXED" => [token => client.Messages.CreateAsync("claude-sonnet-4-6", "Say hi.", 16, token)],
        "CRITICAL" => [token => client.Videos.CreateAsync("A lighthouse at dawn", cancellationToken: token)],
        _ => null,
    };
}
