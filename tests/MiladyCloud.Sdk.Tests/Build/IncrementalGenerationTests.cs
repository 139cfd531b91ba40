using System.Diagnostics;

namespace MiladyCloud.Sdk.Tests.Build;

/// <summary>
/// Builds a copy of the Generated project three times: the first build generates, an unchanged build skips the
/// generator, and a changed openapi.json regenerates. Slow (real builds), so it runs once per test run.
/// </summary>
[Category("Build")]
[NonParallelizable]
public class IncrementalGenerationTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void CopyProject()
    {
        var repo = FindRepositoryRoot();
        _root = Directory.CreateTempSubdirectory("milady-gen-").FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config", "openapi.json" })
        {
            File.Copy(Path.Combine(repo, file), Path.Combine(_root, file));
        }

        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "packages"));
        CopyDirectory(Path.Combine(repo, "src", "MiladyCloud.Sdk.Generated"), Path.Combine(_root, "src", "MiladyCloud.Sdk.Generated"));
    }

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Generation_runs_when_the_spec_changes_and_only_then()
    {
        var output = Path.Combine(_root, "src", "MiladyCloud.Sdk.Generated", "obj", "Debug", "net10.0", "Dtos.g.cs");

        var first = Build();
        Assert.That(File.Exists(output), Is.True, first);
        var firstWrite = File.GetLastWriteTimeUtc(output);

        var second = Build();
        Assert.That(second, Does.Contain("Skipping target \"GenerateDtos\""), second);
        Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(firstWrite));

        var spec = Path.Combine(_root, "openapi.json");
        var text = File.ReadAllText(spec);
        var marker = "\"schemas\": {";
        Assert.That(text, Does.Contain(marker), "the probe edit needs the schemas object");
        File.WriteAllText(spec, text.Replace(marker, marker + "\"IncrementalProbe\": {\"type\": \"object\", \"description\": \"probe\", \"properties\": {\"probe_value\": {\"type\": \"string\"}}},", StringComparison.Ordinal));

        var third = Build();
        Assert.That(third, Does.Not.Contain("Skipping target \"GenerateDtos\""), third);
        Assert.That(File.ReadAllText(output), Does.Contain("partial class IncrementalProbe").And.Contain("ProbeValue"));
    }

    private string Build()
    {
        var start = new ProcessStartInfo("dotnet", "build src/MiladyCloud.Sdk.Generated -v:n -nodeReuse:false -p:UseSharedCompilation=false")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(4)), Is.True, "build hung");
        var log = stdout.Result + stderr.Result;
        Assert.That(process.ExitCode, Is.Zero, log);
        return log;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiladyCloud.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MiladyCloud.Sdk.sln not found above the test directory.");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
