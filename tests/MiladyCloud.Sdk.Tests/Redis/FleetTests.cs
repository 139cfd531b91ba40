using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>
/// Four separate processes (tests/MiladyCloud.Sdk.FleetWorker), each with its own client on one API key, call the
/// routes of one preset as fast as their clients let them against the fake server, which enforces the service's shared
/// per-key counter with its windows shortened (STANDARD and RELAXED: a minute is three seconds; CRITICAL: five minutes
/// are six). Without Redis each replica knows only its own answers and the fleet runs into 429s; with the fleet's state
/// in Redis it gets none, and still uses the whole budget the preset allows. Real time by nature: about 2 minutes in all.
/// </summary>
[Category("Fleet")]
[NonParallelizable]
public class FleetTests
{
    private const int Workers = 4;
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    /// <summary>The run lasts three of the preset's (shortened) windows; the preset allows its limit in each.</summary>
    [TestCase("STANDARD", 0.05)]
    [TestCase("RELAXED", 0.05)]
    [TestCase("CRITICAL", 0.02)]
    public async Task A_fleet_sharing_its_state_in_Redis_gets_no_429_and_still_uses_the_whole_budget(string presetName, double windowScale)
    {
        var preset = RateLimitPreset.FromName(presetName)!;
        var fleet = new Fleet(presetName, windowScale, preset.Window * windowScale);
        var allowed = preset.Limit * 3;
        using var redis = RedisServer.Start();

        var alone = await RunFleetAsync(fleet, redisConfiguration: null);
        var shared = await RunFleetAsync(fleet, $"127.0.0.1:{redis.Port},abortConnect=false");

        TestContext.Out.WriteLine($"Fleet of {Workers} processes, {presetName} routes, windows of {fleet.Window.TotalSeconds:0.##} s, {fleet.Duration.TotalSeconds:0.##} s run; the preset allows {allowed} calls.");
        TestContext.Out.WriteLine($"Without Redis: {alone}");
        TestContext.Out.WriteLine($"With Redis:    {shared}");
        Assert.Multiple(() =>
        {
            Assert.That(alone.Refusals, Is.GreaterThan(0), "replicas that know only their own answers run into the shared counter");
            Assert.That(shared.Refusals, Is.Zero, $"the fleet's shared state sends nothing the server refuses ({shared})");
            Assert.That(shared.Limited + shared.Failed, Is.Zero, shared.Errors);
            Assert.That(shared.Ok, Is.InRange(allowed * 0.9, allowed), $"the fleet uses the budget the preset allows, within 10% ({shared})");
        });
    }

    private static async Task<FleetRun> RunFleetAsync(Fleet fleet, string? redisConfiguration)
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Replies.RateLimitWindowScale = fleet.WindowScale;
        // The service answers a video after minutes; the pacing under test does not depend on it.
        fake.Replies.VideoGenerationTime = TimeSpan.FromMilliseconds(20);
        var processes = Enumerable.Range(0, Workers).Select(_ => StartWorker(fake, fleet.Preset, redisConfiguration)).ToList();
        try
        {
            foreach (var process in processes)
            {
                await ExpectLineAsync(process, "READY", TimeSpan.FromSeconds(180));
            }

            // Each worker's one warm-up call (which taught it the window) has aged out when the run starts.
            var start = (DateTimeOffset.UtcNow + fleet.Window + TimeSpan.FromMilliseconds(500)).ToUnixTimeMilliseconds();
            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"GO {start} {(long)fleet.Duration.TotalMilliseconds}"));
                await process.StandardInput.FlushAsync();
            }

            var results = new List<string>();
            foreach (var process in processes)
            {
                results.Add(await ExpectLineAsync(process, "RESULT", fleet.Duration + TimeSpan.FromSeconds(90)));
            }

            var errors = string.Concat(await Task.WhenAll(processes.Select(p => p.StandardError.ReadToEndAsync())));
            return new FleetRun(fleet, Sum(results, "ok"), Sum(results, "limited"), Sum(results, "failed"), Sum(results, "fallbacks"), fake.RateLimitRefusals, errors);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static Process StartWorker(MiladyCloudFakeServer fake, string preset, string? redisConfiguration)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WorkerPath());
        start.ArgumentList.Add(preset);
        start.ArgumentList.Add(fake.BaseUrl.ToString());
        start.ArgumentList.Add(MiladyCloudFakeServer.ApiKey);
        if (redisConfiguration is not null)
        {
            start.ArgumentList.Add(redisConfiguration);
            start.ArgumentList.Add(Margin.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; fails the test at the time limit.</summary>
    private static async Task<string> ExpectLineAsync(Process process, string prefix, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"A worker ended without {prefix}: {await process.StandardError.ReadToEndAsync()}");
        throw new UnreachableException();
    }

    private static int Sum(IEnumerable<string> results, string name)
        => results.Sum(line => int.Parse(Regex.Match(line, $@"\b{name}=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>The worker next to this test's build: same configuration and framework folder.</summary>
    private static string WorkerPath()
    {
        var output = TestContext.CurrentContext.TestDirectory;
        var path = output.Replace("MiladyCloud.Sdk.Tests", "MiladyCloud.Sdk.FleetWorker", StringComparison.Ordinal);
        return Path.Combine(path, "MiladyCloud.Sdk.FleetWorker.dll");
    }

    private sealed record Fleet(string Preset, double WindowScale, TimeSpan Window)
    {
        public TimeSpan Duration => Window * 3;
    }

    private sealed record FleetRun(Fleet Fleet, int Ok, int Limited, int Failed, int Fallbacks, int Refusals, string Errors)
    {
        public override string ToString()
            => $"{Ok} calls answered ({Ok / Fleet.Duration.TotalSeconds:0.#}/s), {Refusals} refused by the server (429), {Limited} calls failed with MiladyCloudRateLimitedException, {Failed} other failures, {Fallbacks} decisions made without Redis";
    }
}
