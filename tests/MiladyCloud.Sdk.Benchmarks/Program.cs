using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MiladyCloud.Sdk.Benchmarks;

// "growth": scenario 5's live-heap measurement. "ratios": every contender interleaved round by round in one process
// (ratios robust against a busy machine). Anything else goes to BenchmarkDotNet, in-process unless told otherwise, so a
// run does not rebuild the solution in a child process.
if (args.Length > 0 && args[0] == "growth")
{
    return await MemoryGrowth.RunAsync().ConfigureAwait(false);
}

// "loop Class Method seconds [Family]": one contender alone in a loop, for a profiler to attach to (perf with perf maps).
if (args.Length > 0 && args[0] == "loop")
{
    return InterleavedRunner.Loop(args[1], args[2], TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)), args.Length > 4 ? args[4] : null);
}

// "allocs Class Method [Family] [operations]": the sampled types of what one contender allocates (EventPipe AllocationTick).
if (args.Length > 0 && args[0] == "allocs")
{
    return AllocationTrace.Run(args[1..]);
}

// "fleet-overhead [calls] [redis configuration]": the time MiladyCloud.Sdk.Redis adds to a call (median and p99).
if (args.Length > 0 && args[0] == "fleet-overhead")
{
    return await FleetOverhead.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "ratios")
{
    return InterleavedRunner.Run(args[1..]);
}

// "--ci": CI's dry run reuses the Debug build of `dotnet test`; a dry run measures nothing, it only proves that every
// contender still runs and agrees, so the optimization check is waived there.
var ci = args.Contains("--ci");
args = args.Where(a => a != "--ci").ToArray();
var arguments = args.Any(a => a.Equals("--inProcess", StringComparison.OrdinalIgnoreCase) || a.Equals("--outOfProcess", StringComparison.OrdinalIgnoreCase))
    ? args.Where(a => !a.Equals("--outOfProcess", StringComparison.OrdinalIgnoreCase)).ToArray()
    : [.. args, "--inProcess"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ChatStreamBenchmarks).Assembly).Run(arguments, ci ? DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator) : DefaultConfig.Instance);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
