using System.IO.Compression;
using System.Xml.Linq;

namespace MiladyCloud.Sdk.Tests.Packaging;

/// <summary>
/// Packs the SDK into a local folder feed, checks what the packages contain, then builds and runs a consumer project
/// that references MiladyCloud.Sdk as a package (outside this repository) against the in-process fake.
/// Slow (a Release pack and a restore), so everything happens once.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public class ConsumerPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);
    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public void Pack()
    {
        _work = Directory.CreateTempSubdirectory("milady-pack-").FullName;
        _feed = Path.Combine(_work, "feed");
        // A version of its own, so the global package cache never serves a stale copy.
        _version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}";
        foreach (var project in new[] { "src/MiladyCloud.Sdk", "src/MiladyCloud.Sdk.Testing", "src/MiladyCloud.Sdk.Redis" })
        {
            DotnetCli.Run(DotnetCli.RepositoryRoot(), $"pack {project} -c Release -o \"{_feed}\" -p:Version={_version} -nodeReuse:false", Limit);
        }
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        Directory.Delete(_work, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "miladycloud.sdk", "miladycloud.sdk.testing", "miladycloud.sdk.redis" })
        {
            var folder = Path.Combine(cache, id, _version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void The_sdk_package_carries_both_assemblies_docs_readme_and_metadata()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"MiladyCloud.Sdk.{_version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.That(entries, Is.SupersetOf(new[]
        {
            "lib/net10.0/MiladyCloud.Sdk.dll", "lib/net10.0/MiladyCloud.Sdk.xml",
            "lib/net10.0/MiladyCloud.Sdk.Generated.dll", "lib/net10.0/MiladyCloud.Sdk.Generated.xml",
            "README.md",
        }));
        Assert.That(entries, Has.None.EndsWith(".pdb"), "symbols belong in the .snupkg");
        var nuspec = Nuspec(package);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.That(metadata.Element(ns + "license")?.Value, Is.EqualTo("MIT"));
        Assert.That(metadata.Element(ns + "readme")?.Value, Is.EqualTo("README.md"));
        Assert.That(metadata.Element(ns + "description")?.Value, Is.Not.Empty);
        Assert.That(metadata.Element(ns + "tags")?.Value, Does.Contain("elizaos"));
        Assert.That(metadata.Element(ns + "repository")?.Attribute("type")?.Value, Is.EqualTo("git"));
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        Assert.That(dependencies, Does.Contain("Microsoft.Extensions.Http.Resilience").And.Contain("Microsoft.Extensions.AI.Abstractions"));
        Assert.That(dependencies, Has.None.StartsWith("MiladyCloud"), "the DTOs ship inside the package, not as a dependency");
        Assert.That(dependencies, Has.None.StartsWith("NSwag"), "the generator is build-time only");
        Assert.That(dependencies, Has.None.StartsWith("StackExchange"), "Redis is the optional MiladyCloud.Sdk.Redis package's");
    }

    [Test]
    public void The_redis_package_depends_on_the_sdk_and_StackExchange_Redis_only()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"MiladyCloud.Sdk.Redis.{_version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        var nuspec = Nuspec(package);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var dependencies = nuspec.Root.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);

        Assert.That(entries, Is.SupersetOf(new[] { "lib/net10.0/MiladyCloud.Sdk.Redis.dll", "lib/net10.0/MiladyCloud.Sdk.Redis.xml", "README.md" }));
        Assert.That(dependencies.Keys, Is.EquivalentTo(new[] { "MiladyCloud.Sdk", "StackExchange.Redis" }));
        Assert.That(dependencies["MiladyCloud.Sdk"], Does.Contain(_version), "the same version of the SDK");
    }

    [Test]
    public void The_symbols_package_carries_the_pdbs()
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(_feed, $"MiladyCloud.Sdk.{_version}.snupkg"));

        Assert.That(symbols.Entries.Select(e => e.FullName), Is.SupersetOf(new[] { "lib/net10.0/MiladyCloud.Sdk.pdb", "lib/net10.0/MiladyCloud.Sdk.Generated.pdb" }));
    }

    [Test]
    public void A_consumer_referencing_the_package_runs_AddMiladyCloud_against_the_fake()
    {
        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        var template = Path.Combine(DotnetCli.RepositoryRoot(), "tests", "PackageConsumer");
        File.Copy(Path.Combine(template, "PackageConsumer.csproj"), Path.Combine(consumer, "PackageConsumer.csproj"));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), File.ReadAllText(Path.Combine(template, "nuget.config.template")).Replace("{FEED}", _feed, StringComparison.Ordinal));

        using var redis = Redis.RedisServer.TryStart();
        var environment = redis is null ? null : new Dictionary<string, string> { ["MILADY_CONSUMER_REDIS"] = $"127.0.0.1:{redis.Port},abortConnect=false" };

        var output = DotnetCli.Run(consumer, $"run -p:MiladyCloudSdkVersion={_version} -nodeReuse:false", Limit, environment);

        Assert.That(output, Does.Contain("REPLY: Hello from the local MiladyCloud fake! You said: hello from a package"));
        Assert.That(output, Does.Match(@"MODELS: [1-9]"));
        Assert.That(output, Does.Contain(redis is null ? "FLEET: RedisRateLimitTracker connected=False" : "FLEET: RedisRateLimitTracker connected=True remaining=58"));
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
