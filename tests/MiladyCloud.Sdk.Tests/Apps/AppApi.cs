using System.Text.Json.Nodes;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Apps;

/// <summary>A WireMock fake for one route at a time, with an exact check of the single request sent.</summary>
internal sealed class AppApi : IDisposable
{
    private readonly FakeApi _api = new();

    public MiladyCloudClient Client => _api.Client;

    public void Respond(string method, string path, string body, int status = 200) => _api.Respond(path, method, body, status);

    /// <summary>Exactly one request, with this method, path and query, the API key, and (when given) this JSON body, compared structurally.</summary>
    public void AssertRequest(string method, string pathAndQuery, string? jsonBody = null)
    {
        var request = _api.SingleRequest().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(method));
            Assert.That(new Uri(request.AbsoluteUrl).PathAndQuery, Is.EqualTo(pathAndQuery));
            Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        });
        if (jsonBody is null)
        {
            Assert.That(request.Body, Is.Null.Or.Empty, "no body expected");
            return;
        }

        var actual = JsonNode.Parse(request.Body!);
        var expected = JsonNode.Parse(jsonBody);
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True, $"body was {request.Body}, expected {jsonBody}");
    }

    public void AssertNothingSent() => Assert.That(_api.Server.LogEntries, Is.Empty);

    public int RequestCount => _api.Server.LogEntries.Count();

    /// <summary>The query string of every request sent, in order.</summary>
    public IEnumerable<string> Queries => _api.Server.LogEntries.Select(e => new Uri(e.RequestMessage!.AbsoluteUrl).Query);

    /// <summary>Answers GET <paramref name="path"/> with <paramref name="body"/> only when the query has <c>offset=<paramref name="offset"/></c>.</summary>
    public void RespondAtOffset(string path, int offset, string body)
        => _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).WithParam("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)).UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(body));

    public void Dispose() => _api.Dispose();
}
