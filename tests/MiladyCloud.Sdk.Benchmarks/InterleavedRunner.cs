using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// Runs the contenders of each scenario interleaved: round after round, each contender runs one timed batch, in a
/// rotating order, so that a neighbour's load on the shared machine hits every contender alike. Reports the median
/// time and the allocation per operation, and the ratios to the floor and to the peer SDK from the same rounds.
/// </summary>
internal static class InterleavedRunner
{
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(40);

    public static int Run(string[] args)
    {
        var rounds = 15;
        var filters = new List<string>();
        var families = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rounds")
            {
                rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--family")
            {
                families.Add(args[++i]);
            }
            else
            {
                filters.Add(args[i]);
            }
        }

        var types = typeof(InterleavedRunner).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Where(t => filters.Count == 0 || filters.Any(f => t.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Name);
        foreach (var type in types)
        {
            foreach (var parameters in ParameterSets(type).Where(set => families.Count == 0 || set.Any(p => families.Contains(p.Item2?.ToString() ?? string.Empty))))
            {
                RunScenario(type, parameters, rounds);
            }
        }

        return 0;
    }

    /// <summary>Runs one benchmark method of one class over and over for <paramref name="duration"/>.</summary>
    public static int Loop(string typeName, string methodName, TimeSpan duration, string? family = null)
    {
        var type = typeof(InterleavedRunner).Assembly.GetTypes().Single(t => t.Name == typeName);
        var instance = Activator.CreateInstance(type)!;
        if (family is not null)
        {
            type.GetProperty("Family")!.SetValue(instance, family);
        }

        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
        var run = (Func<Task<int>>)type.GetMethod(methodName)!.CreateDelegate(typeof(Func<Task<int>>), instance);
        var watch = Stopwatch.StartNew();
        var ops = 0;
        while (watch.Elapsed < duration)
        {
            run().GetAwaiter().GetResult();
            ops++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{typeName}.{methodName}: {ops} ops, {watch.Elapsed.TotalMicroseconds / ops:N1} µs/op"));
        return 0;
    }

    private static void RunScenario(Type type, (PropertyInfo Property, object? Value)[] parameters, int rounds)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var (property, value) in parameters)
        {
            property.SetValue(instance, value);
        }

        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
        var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        var runners = methods.Select(m => (Name: m.Name, Run: (Func<Task<int>>)m.CreateDelegate(typeof(Func<Task<int>>), instance))).ToArray();
        var batch = runners.Select(r => Calibrate(r.Run)).ToArray();
        var times = runners.Select(_ => new List<double>()).ToArray();
        var allocations = runners.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < runners.Length; k++)
            {
                var i = (k + round) % runners.Length;
                var (time, allocated) = Measure(runners[i].Run, batch[i]);
                times[i].Add(time);
                allocations[i].Add(allocated);
            }
        }

        var name = type.Name.Replace("Benchmarks", string.Empty, StringComparison.Ordinal)
                   + string.Concat(parameters.Select(p => $" {p.Property.Name}={p.Value}"));
        Report(name, runners.Select(r => r.Name).ToArray(), times.Select(Median).ToArray(), allocations.Select(Median).ToArray());
    }

    private static void Report(string scenario, string[] names, double[] micros, double[] bytes)
    {
        var floor = Array.IndexOf(names, "Floor");
        var peer = Array.FindIndex(names, n => n is "OpenAISdk" or "AnthropicSdk");
        Console.WriteLine();
        Console.WriteLine($"### {scenario}");
        Console.WriteLine();
        Console.WriteLine("| Contender | Median µs/op | Allocated B/op | Time vs floor | Time vs peer | Alloc vs floor | Alloc vs peer |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < names.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {names[i]} | {micros[i]:N1} | {bytes[i]:N0} | {Ratio(micros, i, floor)} | {Ratio(micros, i, peer)} | {Ratio(bytes, i, floor)} | {Ratio(bytes, i, peer)} |"));
        }
    }

    private static string Ratio(double[] values, int i, int reference)
        => reference < 0 || values[reference] == 0 ? "–" : (values[i] / values[reference]).ToString("F2", CultureInfo.InvariantCulture) + "×";

    private static int Calibrate(Func<Task<int>> run)
    {
        // Past tier-0 JIT: enough calls for tiering to promote the hot methods, then time for it to finish.
        var warmUp = Stopwatch.StartNew();
        for (var calls = 0; (calls < 60 || warmUp.Elapsed < TimeSpan.FromMilliseconds(500)) && warmUp.Elapsed < TimeSpan.FromSeconds(3); calls++)
        {
            run().GetAwaiter().GetResult();
        }

        Thread.Sleep(300);

        var ops = 1;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < ops; i++)
            {
                run().GetAwaiter().GetResult();
            }

            if (watch.Elapsed >= BatchTarget || ops >= 1 << 20)
            {
                return ops;
            }

            ops *= 2;
        }
    }

    private static (double MicrosPerOp, double BytesPerOp) Measure(Func<Task<int>> run, int ops)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < ops; i++)
        {
            run().GetAwaiter().GetResult();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (elapsed.TotalMicroseconds / ops, (double)allocated / ops);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static IEnumerable<(PropertyInfo, object?)[]> ParameterSets(Type type)
    {
        IEnumerable<(PropertyInfo, object?)[]> sets = [[]];
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null || p.GetCustomAttribute<ParamsSourceAttribute>() is not null))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()?.Values
                ?? ((System.Collections.IEnumerable)type.GetProperty(property.GetCustomAttribute<ParamsSourceAttribute>()!.Name)!.GetValue(null)!).Cast<object?>().ToArray();
            sets = sets.SelectMany(set => values.Select(v => set.Append((property, v)).ToArray())).ToList();
        }

        return sets;
    }
}
