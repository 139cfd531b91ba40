using System.Diagnostics.Tracing;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Where a contender's bytes go: runs it in a loop under an in-process EventPipe listener of the runtime's
/// <c>GCAllocationTick</c> events (one sample per ~100 KB allocated, with the type of the object that crossed the
/// mark) and prints the sampled types with their share. <c>-- allocs Class Method [Family] [operations]</c>.
/// </summary>
internal static class AllocationTrace
{
    public static int Run(string[] args)
    {
        var type = typeof(AllocationTrace).Assembly.GetTypes().Single(t => t.Name == args[0]);
        var instance = Activator.CreateInstance(type)!;
        if (args.Length > 2)
        {
            type.GetProperty("Family")!.SetValue(instance, args[2]);
        }

        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
        var run = (Func<Task<int>>)type.GetMethod(args[1])!.CreateDelegate(typeof(Func<Task<int>>), instance);
        var operations = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
        for (var i = 0; i < 50; i++)
        {
            run().GetAwaiter().GetResult();
        }

        using var listener = new TickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < operations; i++)
        {
            run().GetAwaiter().GetResult();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var samples = listener.Counts.ToArray();
        var total = samples.Sum(s => s.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]}.{args[1]} {(args.Length > 2 ? args[2] : string.Empty)}: {allocated / operations:N0} B/op, {total} samples"));
        foreach (var (name, count) in samples.OrderByDescending(s => s.Value).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / total,5:F1}%  ~{(double)allocated / operations * count / total,8:N0} B/op  {name}"));
        }

        return 0;
    }

    private sealed class TickListener : EventListener
    {
        public Dictionary<string, int> Counts { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // GC keyword, verbose: AllocationTick.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var index = eventData.PayloadNames.IndexOf("TypeName");
            var name = index >= 0 ? eventData.Payload![index] as string ?? "?" : "?";
            lock (Counts)
            {
                Counts[name] = Counts.GetValueOrDefault(name) + 1;
            }
        }
    }
}
