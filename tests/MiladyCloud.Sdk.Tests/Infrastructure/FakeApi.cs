using System.Text.Json.Nodes;
using MiladyCloud.Sdk;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MiladyCloud.Sdk.Tests.Infrastructure;

/// <summary>A WireMock server on loopback plus a client pointed at its /api/v1 root.</summary>
public sealed class FakeApi : IDisposable
{
    public const string ApiKey = "eliza_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public FakeApi(Action<MiladyCloudClientOptions>? configure = null)
    {
        Server = WireMockServer.Start();
        Options = new MiladyCloudClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = new Uri(Server.Url! + "/api/v1/"),
            MaxRetries = 0,
        };
        configure?.Invoke(Options);
        Client = new MiladyCloudClient(Options);
    }

    public WireMockServer Server { get; }

    public MiladyCloudClientOptions Options { get; }

    public MiladyCloudClient Client { get; }

    /// <summary>Answers every <paramref name="method"/> request to <paramref name="path"/> (WireMock wildcards allowed) with a JSON body.</summary>
    public void Respond(string path, string method, string body, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>The one request sent (fails when there were more or none).</summary>
    public WireMock.IRequestMessage Sent() => SingleRequest().RequestMessage!;

    /// <summary>The one request sent had this JSON body, compared structurally.</summary>
    public void AssertJsonBody(string expectedJson)
    {
        var sent = Sent();
        var body = sent.Body;
        Assert.That(sent.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(body!), JsonNode.Parse(expectedJson)), Is.True, $"body was {body}, expected {expectedJson}");
    }

    public WireMock.Logging.ILogEntry SingleRequest()
    {
        Assert.That(Server.LogEntries, Has.Count.EqualTo(1), "exactly one request should have been sent");
        return Server.LogEntries.Single();
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
