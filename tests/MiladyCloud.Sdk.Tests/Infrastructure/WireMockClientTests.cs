namespace MiladyCloud.Sdk.Tests.Infrastructure;

/// <summary>
/// The base of client tests against a WireMock server on loopback: a fresh <see cref="FakeApi"/> (server and client) per
/// test, with the helpers to script answers and check the one request sent. Override <see cref="Configure"/> to change
/// the client's options.
/// </summary>
public abstract class WireMockClientTests
{
    private FakeApi? _api;

    /// <summary>The server and the client of the running test.</summary>
    protected FakeApi Api => _api ?? throw new InvalidOperationException("The fake starts in SetUp.");

    /// <summary>Adjusts the client's options before the client is built.</summary>
    protected virtual void Configure(MiladyCloudClientOptions options)
    {
    }

    [SetUp]
    public void StartFake() => _api = new FakeApi(Configure);

    [TearDown]
    public void StopFake() => _api?.Dispose();

    protected void Respond(string path, string method, string body, int status = 200) => Api.Respond(path, method, body, status);

    protected WireMock.IRequestMessage Sent() => Api.Sent();

    protected void AssertBody(string expectedJson) => Api.AssertJsonBody(expectedJson);
}
