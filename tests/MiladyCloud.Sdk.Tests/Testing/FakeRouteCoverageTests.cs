using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake serves every operation of <c>openapi.json</c>, the SDK's own description of what it calls, so a new SDK
/// operation without a fake route fails here. Each operation gets a syntactically valid request with the fake's
/// credentials and must be answered by a route: never by the catch-all "No fake route" 404, and only with a status the
/// spec documents for that operation (a 404 for an unknown id is fine where documented; a 404 from a neighbouring
/// route that mistook <c>containers/quota</c> for a container id is not). Path ids are real agents, containers and apps
/// of the fake, so a missing sub-route of an existing resource cannot hide behind "not found".
/// </summary>
public class FakeRouteCoverageTests
{
    private const string PlaceholderId = "00000000-0000-4000-8000-00000000c0de";

    /// <summary>
    /// Statuses the real handlers send but openapi.json does not document yet (reported; the spec is fixed separately).
    /// Each entry names the handler's behaviour it stands for.
    /// </summary>
    private static readonly Dictionary<string, string> KnownSpecGaps = new(StringComparer.Ordinal)
    {
        // The fake answers 404 for an unknown document; the real handler deletes blindly and answers 200.
        ["DELETE /knowledge/{id}"] = "404",
    };
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;
    private HttpClient _http = null!;
    private int _apps;

    [OneTimeSetUp]
    public void StartFake()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        _fake = MiladyCloudFakeServer.Start(_clock);
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
        _http = new HttpClient { BaseAddress = _fake.Url };
    }

    [OneTimeTearDown]
    public void StopFake()
    {
        _http.Dispose();
        _client.Dispose();
        _fake.Dispose();
    }

    /// <summary>Each case starts in a fresh rate-limit window, so the order of the cases cannot matter.</summary>
    [SetUp]
    public void NextWindow() => _clock.Advance(TimeSpan.FromMinutes(2));

    /// <summary>Guards against a vacuous pass: the spec must load and list the operations.</summary>
    [Test]
    public void The_spec_lists_the_operations()
        => Assert.That(Operations().Count(), Is.GreaterThan(100));

    [TestCaseSource(nameof(Operations))]
    public async Task The_fake_has_a_route_for(SpecOperation operation)
    {
        using var request = BuildRequest(operation, await RealIdForAsync(operation));

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        Assert.That(body, Does.Not.Contain("No fake route"), $"{operation} fell through to the catch-all: {status} {body}");
        var allowed = KnownSpecGaps.TryGetValue(operation.ToString(), out var gap) ? operation.DocumentedStatuses.Append(gap) : operation.DocumentedStatuses;
        Assert.That(allowed, Does.Contain(status), $"{operation} answered a status its spec does not document: {status} {body}");
    }

    /// <summary>Every path and method of openapi.json, read with System.Text.Json so a reader change cannot hide one.</summary>
    public static IEnumerable<SpecOperation> Operations()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi.json");
        using var spec = JsonDocument.Parse(File.ReadAllText(path));
        var parameters = spec.RootElement.GetProperty("components").GetProperty("parameters");
        foreach (var item in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in item.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                yield return SpecOperation.Read(item.Name, item.Value, op, parameters);
            }
        }
    }

    /// <summary>A fresh resource of the operation's family (deletes cannot starve later cases), or a placeholder id.</summary>
    private async Task<string> RealIdForAsync(SpecOperation operation)
    {
        var path = operation.Path;
        if (path.StartsWith("/containers/{id}", StringComparison.Ordinal))
        {
            var settings = new CreateContainerRequest { Name = "Coverage", ProjectName = "coverage", EcrImageUri = "1.dkr.ecr.us-east-1.amazonaws.com/elizaos/o/coverage:1.0.0" };
            return (await _client.Containers.CreateAsync(settings)).Data.Id;
        }

        if (path.StartsWith("/apps/{id}", StringComparison.Ordinal))
        {
            return (await _client.Apps.CreateAsync(new CreateAppRequest { Name = "Coverage " + Interlocked.Increment(ref _apps).ToString(CultureInfo.InvariantCulture), AppUrl = "https://coverage.example" })).App.Id;
        }

        if (path.StartsWith("/api/my-agents/characters/{id}", StringComparison.Ordinal) || path.StartsWith("/agents/{agentId}", StringComparison.Ordinal) || path.StartsWith("/api/characters/{characterId}", StringComparison.Ordinal))
        {
            return (await _client.Agents.CreateAsync(new CreateAgentRequest { Name = "Coverage" })).Id;
        }

        return PlaceholderId;
    }

    private static HttpRequestMessage BuildRequest(SpecOperation operation, string id)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.RelativeUrl(id));
        if (operation.SessionOnly)
        {
            request.Headers.Add("Cookie", "privy-token=" + MiladyCloudFakeServer.SessionToken);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);
        }

        request.Content = operation.BodyMediaType switch
        {
            "application/json" => new StringContent("{}", Encoding.UTF8, "application/json"),
            "multipart/form-data" => new MultipartFormDataContent { { new StringContent("coverage"), "note" } },
            _ => null,
        };
        return request;
    }
}
