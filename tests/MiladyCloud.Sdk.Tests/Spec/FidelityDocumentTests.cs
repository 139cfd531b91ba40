using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Tests.Spec;

/// <summary>
/// <c>docs/fidelity.md</c> has one row per operation of openapi.json, and its "Checked" column says
/// <c>live, recorded</c> exactly for the operations the live suite's recordings exercise (others: <c>reading</c>).
/// </summary>
public partial class FidelityDocumentTests
{
    private static readonly string Root = FindRoot();

    [Test]
    public void Every_operation_has_exactly_one_row()
    {
        var rows = Rows();
        var operations = Operations().Select(o => o.Key).ToList();

        Assert.That(rows.Keys, Is.EquivalentTo(operations), "rows and openapi.json operations differ");
    }

    [Test]
    public void The_checked_column_follows_the_recordings()
    {
        var recorded = RecordedOperations();
        var rows = Rows();
        var wrong = rows
            .Where(r => (r.Value.Checked == "live, recorded") != recorded.Contains(r.Key))
            .Select(r => $"{r.Key}: says '{r.Value.Checked}', should say '{(recorded.Contains(r.Key) ? "live, recorded" : "reading")}'")
            .ToList();

        Assert.That(recorded, Is.Not.Empty);
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    [Test]
    public void The_live_suite_summary_states_the_current_counts()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "fidelity.md"));
        var summary = Summary().Match(text);
        var tests = Directory.EnumerateFiles(Path.Combine(Root, "tests", "recordings"), "*.json", SearchOption.AllDirectories).Count();

        Assert.That(summary.Success, Is.True, "the live suite paragraph is missing");
        Assert.Multiple(() =>
        {
            // Every live test replays its own recording, so the recordings count the tests.
            Assert.That(int.Parse(summary.Groups["tests"].Value, CultureInfo.InvariantCulture), Is.EqualTo(tests), "live tests");
            Assert.That(int.Parse(summary.Groups["passed"].Value, CultureInfo.InvariantCulture), Is.EqualTo(tests), "live tests passed");
            Assert.That(int.Parse(summary.Groups["recorded"].Value, CultureInfo.InvariantCulture), Is.EqualTo(RecordedOperations().Count), "recorded operations");
            Assert.That(int.Parse(summary.Groups["operations"].Value, CultureInfo.InvariantCulture), Is.EqualTo(Operations().Count), "operations");
        });
    }

    private static Dictionary<string, (string Checked, string Verdict)> Rows()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(File.ReadAllText(Path.Combine(Root, "docs", "fidelity.md"))))
        {
            Assert.That(rows.TryAdd(row.Groups["op"].Value, (row.Groups["checked"].Value.Trim(), row.Groups["verdict"].Value.Trim())), Is.True, "duplicate row " + row.Groups["op"].Value);
        }

        return rows;
    }

    private static Dictionary<string, Regex> Operations()
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "openapi.json")));
        var operations = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            var site = path.Name.StartsWith("/api/", StringComparison.Ordinal) ? path.Name : "/api/v1" + path.Name;
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(site), @"\\\{[^}]+}", "[^?]+") + "(\\?.*)?$");
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                operations[method.Name.ToUpperInvariant() + " " + path.Name] = pattern;
            }
        }

        return operations;
    }

    /// <summary>The operations some recorded request went to (the most specific template wins: <c>/containers/quota</c> over <c>/containers/{id}</c>).</summary>
    private static HashSet<string> RecordedOperations()
    {
        var operations = Operations();
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "tests", "recordings"), "*.json", SearchOption.AllDirectories))
        {
            using var recording = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var exchange in recording.RootElement.GetProperty("exchanges").EnumerateArray())
            {
                var request = exchange.GetProperty("request");
                var key = request.GetProperty("method").GetString() + " ";
                var target = request.GetProperty("target").GetString()!;
                var match = operations.Where(o => o.Key.StartsWith(key, StringComparison.Ordinal) && o.Value.IsMatch(target))
                    .OrderBy(o => o.Key.Count(c => c == '{'))
                    .Select(o => o.Key)
                    .FirstOrDefault();
                if (match is not null)
                {
                    recorded.Add(match);
                }
            }
        }

        return recorded;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiladyCloud.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }

    /// <summary><c>N live tests; their recordings exercise M of the T operations ... all N passed live</c></summary>
    [GeneratedRegex(@"(?<tests>\d+) live tests; their recordings exercise (?<recorded>\d+) of the (?<operations>\d+) operations.*?all (?<passed>\d+) passed live", RegexOptions.Singleline)]
    private static partial Regex Summary();

    /// <summary><c>| METHOD /path | OperationId | handler | limit | checked | verdict |</c></summary>
    [GeneratedRegex(@"^\| (?<op>(?:GET|POST|PUT|PATCH|DELETE) /\S*) \|[^|\n]*\|[^|\n]*\|[^|\n]*\|(?<checked>[^|\n]*)\|(?<verdict>[^\n]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
