using MiladyCloud.Sdk;
using WireMock.Server;

namespace MiladyCloud.Sdk.Tests.Infrastructure;

/// <summary>A WireMock server on loopback plus a client pointed at its /api/v1 root.</summary>
internal sealed class FakeApi : IDisposable
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
