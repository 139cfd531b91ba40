using System.Diagnostics;

namespace MiladyCloud.Sdk.Tests.Packaging;

/// <summary>Runs the dotnet CLI for the packaging tests, with a hard time limit and the whole log on failure.</summary>
internal static class DotnetCli
{
    public static string Run(string workingDirectory, string arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
        => Execute("dotnet", workingDirectory, arguments, limit, environment);

    public static string RunProgram(string path, TimeSpan limit)
        => Execute(path, Path.GetDirectoryName(path)!, string.Empty, limit, null);

    private static string Execute(string program, string workingDirectory, string arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {arguments} did not finish within {limit}");
        }

        var log = stdout.Result + stderr.Result;
        Assert.That(process.ExitCode, Is.Zero, $"{program} {arguments} failed:\n{log}");
        return log;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiladyCloud.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MiladyCloud.Sdk.sln) was not found above the test directory.");
    }
}
