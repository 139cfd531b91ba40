using System.Text.Json;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.RateLimiting;

namespace MiladyCloud.Sdk.Tests.Spec;

/// <summary>
/// Every operation in openapi.json names the server handler it was checked against (<c>x-server-source</c>) and the
/// rate limit that handler applies (<c>x-rate-limit</c>); the SDK's own table of limits must say the same.
/// </summary>
public class ServerAnnotationTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static IEnumerable<TestCaseData> Operations()
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "openapi.json")));
        foreach (var path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                yield return new TestCaseData(operation.Name.ToUpperInvariant(), path.Name, operation.Value.Clone())
                    .SetArgDisplayNames(operation.Name.ToUpperInvariant() + " " + path.Name);
            }
        }
    }

    [TestCaseSource(nameof(Operations))]
    public void The_operation_names_its_handler(string method, string path, JsonElement operation)
    {
        Assert.That(operation.TryGetProperty("x-server-source", out var source), Is.True, $"{method} {path} has no x-server-source");
        Assert.That(source.GetString(), Does.Match(@"^elizaOS/cloud@[0-9a-f]{7,40}:(app|packages)/[\w\-./\[\]]+\.ts$"));
    }

    [TestCaseSource(nameof(Operations))]
    public void The_SDK_paces_the_operation_by_the_limit_its_handler_applies(string method, string path, JsonElement operation)
    {
        Assert.That(operation.TryGetProperty("x-rate-limit", out var annotated), Is.True, $"{method} {path} has no x-rate-limit");
        var root = path.StartsWith("/api/", StringComparison.Ordinal) ? MiladyCloudRoute.Site : MiladyCloudRoute.ApiV1;
        var concrete = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "some-id");

        var route = ServerRateLimits.Lookup(new HttpMethod(method), concrete.TrimStart('/'), root);

        if (annotated.ValueKind == JsonValueKind.String)
        {
            Assert.That(annotated.GetString(), Is.EqualTo("none"));
            Assert.That(route.Preset, Is.Null, $"{method} {path} has no limit on the server");
            return;
        }

        var preset = RateLimitPreset.FromName(annotated.GetProperty("preset").GetString());
        Assert.That(preset, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(annotated.GetProperty("limit").GetInt32(), Is.EqualTo(preset!.Limit));
            Assert.That(annotated.GetProperty("windowSeconds").GetInt32(), Is.EqualTo((int)preset.Window.TotalSeconds));
            Assert.That(route.Preset, Is.EqualTo(preset), $"{method} {path}");
            Assert.That(route.OrganizationTier, Is.EqualTo(annotated.TryGetProperty("organizationTier", out var tier) ? tier.GetString() : null));
        });
    }
}
