using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake answers in the shapes the real server answered in: for every successful JSON read recorded by the live
/// suite (<c>tests/recordings</c>) on a route the fake can serve without the recorded ids, the fake's answer to the same
/// request has every member the server sent, with the same JSON kind, at every depth.
/// </summary>
public partial class FakeRecordedShapeTests
{
    private static readonly string RecordingsDirectory = Path.Combine(RepositoryRoot(), "tests", "recordings");

    /// <summary>Members the server sends only in some states: the fake may leave them out.</summary>
    private static readonly string[] Conditional =
    [
        "$.warnings", // pricing: only when a price could not be fetched
    ];

    public static IEnumerable<TestCaseData> RecordedReads()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RecordingsDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var recording = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var exchange in recording.RootElement.GetProperty("exchanges").EnumerateArray())
            {
                var request = exchange.GetProperty("request");
                var response = exchange.GetProperty("response");
                var target = request.GetProperty("target").GetString()!;
                if (request.GetProperty("method").GetString() == "GET" && response.GetProperty("status").GetInt32() == 200
                    && response.TryGetProperty("json", out var json) && !NamesALiveResource(target) && seen.Add(target))
                {
                    yield return new TestCaseData(target, json.GetRawText()).SetArgDisplayNames(target);
                }
            }
        }
    }

    [TestCaseSource(nameof(RecordedReads))]
    public async Task The_fake_answers_with_every_member_the_server_sent(string target, string recorded)
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient { BaseAddress = fake.Url };
        if (target.StartsWith("/api/v1/api-keys", StringComparison.Ordinal))
        {
            // Key management takes a browser session only.
            http.DefaultRequestHeaders.Add("Cookie", "steward-token=" + MiladyCloudFakeServer.SessionToken);
        }
        else
        {
            http.DefaultRequestHeaders.Add("X-API-Key", MiladyCloudFakeServer.ApiKey);
        }

        using var response = await http.GetAsync(target.TrimStart('/'));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var fakeBody = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var serverBody = JsonDocument.Parse(recorded);
        var differences = new List<string>();
        Compare(serverBody.RootElement, fakeBody.RootElement, "$", differences);
        Assert.That(differences, Is.Empty, string.Join("\n", differences));
    }

    /// <summary>Every member of <paramref name="server"/> must be in <paramref name="fake"/> with the same kind (null matches anything).</summary>
    private static void Compare(JsonElement server, JsonElement fake, string path, List<string> differences)
    {
        if (server.ValueKind == JsonValueKind.Null || fake.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (Kind(server) != Kind(fake))
        {
            differences.Add($"{path}: the server sent {server.ValueKind}, the fake {fake.ValueKind}");
            return;
        }

        if (server.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in server.EnumerateObject())
            {
                if (!fake.TryGetProperty(member.Name, out var fakeMember))
                {
                    if (!Conditional.Contains(path + "." + member.Name))
                    {
                        differences.Add($"{path}.{member.Name}: missing in the fake's answer");
                    }

                    continue;
                }

                Compare(member.Value, fakeMember, path + "." + member.Name, differences);
            }
        }
        else if (server.ValueKind == JsonValueKind.Array && server.GetArrayLength() > 0 && fake.GetArrayLength() > 0)
        {
            Compare(server[0], fake[0], path + "[0]", differences);
        }
    }

    private static JsonValueKind Kind(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : element.ValueKind;

    private static string RepositoryRoot()
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

    /// <summary>A path with a recorded id (a UUID, or a model of the live catalog) names something the fake does not have.</summary>
    private static bool NamesALiveResource(string target) => HasId().IsMatch(target) || target.StartsWith("/api/v1/models/", StringComparison.Ordinal);

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-", RegexOptions.CultureInvariant)]
    private static partial Regex HasId();
}
