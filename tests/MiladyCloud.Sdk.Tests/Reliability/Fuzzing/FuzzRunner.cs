using System.Globalization;
using CsCheck;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// Runs a fuzz property. By default a fixed seed and a bounded number of inputs (the same inputs on every run, fast
/// enough for CI); with <c>MILADY_FUZZ_ITERATIONS</c> set, CsCheck's own random sampling on every core, with
/// shrinking, for as many inputs as asked (and <c>MILADY_FUZZ_SEED</c> to replay a failure it reported).
/// </summary>
internal static class FuzzRunner
{
    /// <summary>The CI seed (CsCheck's PCG seed format).</summary>
    public const string CiSeed = "1xn1HwIbwfUS";

    /// <param name="inputs">The generator.</param>
    /// <param name="property">Throws when an input breaks the property.</param>
    /// <param name="ciIterations">Inputs in the default (CI) run.</param>
    /// <param name="oneAtATime">The property measures the whole process (memory): the long run must not sample in parallel.</param>
    public static async Task RunAsync(Gen<byte[]> inputs, Func<byte[], Task> property, int ciIterations, bool oneAtATime = false)
    {
        var requested = Environment.GetEnvironmentVariable("MILADY_FUZZ_ITERATIONS");
        if (requested is not null && long.TryParse(requested, NumberStyles.Integer, CultureInfo.InvariantCulture, out var iterations) && iterations > 0)
        {
            await inputs.SampleAsync(input => CheckAsync(property, input), iter: iterations, threads: oneAtATime ? 1 : Environment.ProcessorCount,
                seed: Environment.GetEnvironmentVariable("MILADY_FUZZ_SEED"), print: Describe);
            return;
        }

        var pcg = PCG.Parse(CiSeed);
        for (var i = 0; i < ciIterations; i++)
        {
            var input = inputs.Generate(pcg, null, out _);
            try
            {
                await CheckAsync(property, input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"input #{i} broke the property: {ex.GetType().Name}: {ex.Message}\nInput: {Describe(input)}");
            }
        }
    }

    private static async Task CheckAsync(Func<byte[], Task> property, byte[] input)
    {
        var run = property(input);
        if (await Task.WhenAny(run, Task.Delay(Reliability.Infrastructure.Faults.HangBound)) != run)
        {
            throw new TimeoutException("the input made the SDK hang");
        }

        await run;
    }

    private static string Describe(byte[] input) => Convert.ToBase64String(input) + " = " + System.Text.Encoding.UTF8.GetString(input);
}
