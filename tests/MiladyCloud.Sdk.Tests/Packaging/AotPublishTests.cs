namespace MiladyCloud.Sdk.Tests.Packaging;

/// <summary>
/// Publishes tests/AotProbe with Native AOT: the SDK must produce no trim or AOT warning, and the native program must
/// run its JSON, SSE, error, DI and Microsoft.Extensions.AI paths correctly. Slow (a native compile), so it runs once.
/// </summary>
[Category("Aot")]
[NonParallelizable]
public class AotPublishTests
{
    [Test]
    public void A_native_aot_app_using_the_sdk_publishes_without_warnings_and_runs()
    {
        if (!File.Exists("/usr/bin/gcc") || !OperatingSystem.IsLinux())
        {
            Assert.Ignore("Native AOT needs gcc on Linux here; the trim and AOT analyzers still run in every build.");
        }

        var repository = DotnetCli.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("milady-aot-").FullName;
        try
        {
            foreach (var file in new[] { "AotProbe.csproj", "Program.cs" })
            {
                File.Copy(Path.Combine(repository, "tests", "AotProbe", file), Path.Combine(work, file));
            }

            var log = DotnetCli.Run(work, $"publish -c Release -r linux-x64 -o out -p:MiladyCloudRepository=\"{repository}\" -nodeReuse:false", TimeSpan.FromMinutes(8));
            var warnings = log.Split('\n').Where(line => line.Contains(": warning ", StringComparison.Ordinal) && !line.Contains("NU1603", StringComparison.Ordinal)).Distinct().ToList();
            Assert.That(warnings, Is.Empty, string.Join('\n', warnings));

            var output = DotnetCli.RunProgram(Path.Combine(work, "out", "AotProbe"), TimeSpan.FromSeconds(60));
            Assert.That(output, Does.Contain("chat: Hello"));
            Assert.That(output, Does.Contain("stream: Hello"));
            Assert.That(output, Does.Contain("ichatclient: Hello (4 tokens)"));
            Assert.That(output, Does.Contain("error: MiladyCloudInsufficientCreditsException 402"));
            Assert.That(output, Does.Contain("di: connection refused, typed"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
