// Refreshes the PublicAPI.Unshipped.txt baselines from a build: run `dotnet run eng/UpdatePublicApi.cs` at the
// repository root after changing the public surface (or openapi.json), then review the diff like any other code.
// It builds with the analyzers' findings as warnings, adds every new symbol (RS0016) and drops every removed one (RS0017);
// a removed symbol that was shipped gets a `*REMOVED*` line instead (PublicAPI.Shipped.txt itself changes only at a release).
using System.Diagnostics;
using System.Text.RegularExpressions;

var root = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(root, "MiladyCloud.Sdk.sln")))
{
    Console.Error.WriteLine("Run this from the repository root (where MiladyCloud.Sdk.sln is).");
    return 2;
}

var log = Build(root);
var added = Collect(log, new Regex(@"^(?<file>[^(]+)\(\d+,\d+\): warning RS0016: Symbol '(?<symbol>.+?)' is not part of the declared public API", RegexOptions.Multiline));
var removed = Collect(log, new Regex(@"^(?<file>[^(]+)\(\d+,\d+\): warning RS0017: Symbol '(?<symbol>.+?)' is part of the declared API", RegexOptions.Multiline));
foreach (var project in added.Keys.Union(removed.Keys))
{
    var path = Path.Combine(root, "src", project, "PublicAPI.Unshipped.txt");
    var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("#nullable", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    var shipped = File.ReadAllLines(Path.Combine(root, "src", project, "PublicAPI.Shipped.txt")).ToHashSet(StringComparer.Ordinal);
    lines.UnionWith(added.GetValueOrDefault(project, []));
    lines.ExceptWith(removed.GetValueOrDefault(project, []));
    lines.UnionWith(removed.GetValueOrDefault(project, []).Where(shipped.Contains).Select(symbol => "*REMOVED*" + symbol));
    File.WriteAllLines(path, ["#nullable enable", .. lines.Order(StringComparer.Ordinal)]);
    Console.WriteLine($"{project}: +{added.GetValueOrDefault(project, []).Count} -{removed.GetValueOrDefault(project, []).Count}");
}

Console.WriteLine(added.Count + removed.Count == 0 ? "The baselines are up to date." : "Baselines updated; review the diff.");
return 0;

// The shipped projects that no other one here references; building them builds every shipped project.
static string Build(string root)
    => string.Concat(new[] { "src/MiladyCloud.Sdk.Testing", "src/MiladyCloud.Sdk.Redis" }.Select(project => BuildProject(root, project)));

static string BuildProject(string root, string project)
{
    var start = new ProcessStartInfo("dotnet", $"build {project} --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary -nologo")
    {
        WorkingDirectory = root,
        RedirectStandardOutput = true,
    };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return output;
}

static Dictionary<string, HashSet<string>> Collect(string log, Regex pattern)
{
    var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
    foreach (Match match in pattern.Matches(log))
    {
        var project = ProjectOf(match.Groups["file"].Value);
        if (project is not null)
        {
            (result.TryGetValue(project, out var set) ? set : result[project] = new(StringComparer.Ordinal)).Add(match.Groups["symbol"].Value);
        }
    }

    return result;
}

static string? ProjectOf(string file)
{
    var parts = file.Replace('\\', '/').Split('/');
    var src = Array.LastIndexOf(parts, "src");
    return src >= 0 && src + 1 < parts.Length ? parts[src + 1] : null;
}
