using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Tests.Readme;

/// <summary>
/// Every C# block of the README (and of the docs listed below) is compiled: it must equal its region of
/// <c>ReadmeSnippets.cs</c>.
/// </summary>
public partial class ReadmeSnippetTests
{
    private static readonly string Root = FindRoot();

    [TestCase("README.md")]
    [TestCase("docs/errors-and-retries.md")]
    public void Every_csharp_block_of_the_README_is_a_compiled_snippet(string document)
    {
        var readme = File.ReadAllText(Path.Combine(Root, document));
        var blocks = CSharpBlock().Matches(readme);
        var unmarked = blocks.Where(b => !b.Groups["name"].Success).Select(b => b.Groups["code"].Value.Split('\n')[0]).ToList();

        Assert.That(blocks, Is.Not.Empty);
        Assert.That(unmarked, Is.Empty, "C# blocks without a <!-- snippet: Name --> marker are not compiled: " + string.Join(" | ", unmarked));
    }

    [TestCase("README.md")]
    [TestCase("docs/errors-and-retries.md")]
    public void Each_README_snippet_equals_its_compiled_region(string document)
    {
        var readme = File.ReadAllText(Path.Combine(Root, document));
        var code = File.ReadAllText(Path.Combine(Root, "tests", "MiladyCloud.Sdk.Tests", "Readme", "ReadmeSnippets.cs"));
        var regions = Region().Matches(code).ToDictionary(m => m.Groups["name"].Value, m => Normalize(m.Groups["code"].Value));

        Assert.Multiple(() =>
        {
            foreach (Match block in CSharpBlock().Matches(readme))
            {
                var name = block.Groups["name"].Value;
                var text = Normalize(string.Join('\n', block.Groups["code"].Value.Split('\n').Where(l => !UsingDirective().IsMatch(l))));
                Assert.That(regions.ContainsKey(name), Is.True, $"no region Snippet:{name} in ReadmeSnippets.cs");
                Assert.That(text, Is.EqualTo(regions.GetValueOrDefault(name)), $"README block '{name}' differs from its compiled region");
            }
        });
    }

    /// <summary>Trims the common indentation and blank edges, so the region may be indented in its method.</summary>
    private static string Normalize(string text)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').SkipWhile(string.IsNullOrWhiteSpace).Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse().ToList();
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.TrimEnd()));
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

    [GeneratedRegex(@"(?:<!-- snippet: (?<name>\w+)[^\n]*-->\n)?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"#region Snippet:(?<name>\w+)\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"^using [\w.]+;\s*$")]
    private static partial Regex UsingDirective();
}
