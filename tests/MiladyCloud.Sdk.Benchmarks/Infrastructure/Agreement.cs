namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>Before anything is timed: every contender must have read the same content from the same bytes.</summary>
internal static class Agreement
{
    public static void Check(string scenario, params Task<int>[] results)
    {
        var values = results.Select(r => r.GetAwaiter().GetResult()).ToArray();
        if (values.Any(v => v <= 0 || v != values[0]))
        {
            throw new InvalidOperationException($"{scenario}: the contenders disagree about the content read: {string.Join(", ", values)}.");
        }
    }
}
