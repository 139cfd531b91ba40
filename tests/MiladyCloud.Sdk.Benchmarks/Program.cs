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

if (args.Length > 0 && args[0] == "ratios")
{
    return InterleavedRunner.Run(args[1..]);
}

var arguments = args.Any(a => a.Equals("--inProcess", StringComparison.OrdinalIgnoreCase) || a.Equals("--outOfProcess", StringComparison.OrdinalIgnoreCase))
    ? args.Where(a => !a.Equals("--outOfProcess", StringComparison.OrdinalIgnoreCase)).ToArray()
    : [.. args, "--inProcess"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ChatStreamBenchmarks).Assembly).Run(arguments, DefaultConfig.Instance);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
