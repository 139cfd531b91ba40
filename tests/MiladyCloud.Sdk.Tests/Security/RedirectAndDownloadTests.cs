using Microsoft.Extensions.DependencyInjection;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Security;

/// <summary>Credentials stay on the API host: no redirect carries them elsewhere, downloads never carry them, sizes are bounded.</summary>
public class RedirectAndDownloadTests
{
    private const string Session = "session-jwt-secret-value";

    [TestCase(301)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task A_redirect_to_another_host_is_refused_by_the_dependency_injection_client_and_nothing_reaches_that_host(int status)
    {
        using var elsewhere = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.RespondAsync(200, ModelList);
        });
        using var api = RedirectingTo(elsewhere, status);
        var services = new ServiceCollection();
        services.AddMiladyCloud(o =>
        {
            o.ApiKey = FakeApi.ApiKey;
            o.SessionToken = Session;
            o.Authentication = MiladyCloudAuthentication.Both;
            o.BaseUrl = api.BaseUrl;
            o.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<MiladyCloudClient>();

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        Assert.That(outcome, Is.InstanceOf<MiladyCloudApiException>());
        Assert.That((int)((MiladyCloudApiException)outcome!).StatusCode, Is.EqualTo(status));
        Assert.That(elsewhere.AcceptedConnections, Is.Zero);
    }

    [Test]
    public async Task An_answer_from_another_host_after_a_redirect_followed_by_a_caller_supplied_HttpClient_is_refused()
    {
        RawRequest? leaked = null;
        using var elsewhere = new RawServer(async c =>
        {
            leaked = await c.ReadRequestAsync();
            await c.RespondAsync(200, ModelList);
        });
        using var api = RedirectingTo(elsewhere, 307);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var client = new MiladyCloudClient(http, new MiladyCloudClientOptions
        {
            ApiKey = FakeApi.ApiKey,
            SessionToken = Session,
            Authentication = MiladyCloudAuthentication.Both,
            BaseUrl = api.BaseUrl,
            MaxRetries = 0,
        });

        var outcome = await OutcomeAsync(client.Models.ListAsync(useCache: false));

        // HttpClient follows the redirect inside its handler, out of the SDK's reach: the answer from the other origin
        // is refused and the message says how to configure the HttpClient (docs/reliability.md).
        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(outcome!.Message, Does.Contain("AllowAutoRedirect = false").And.Not.Contain(FakeApi.ApiKey).And.Not.Contain(Session));
        Assert.That(leaked!.Headers.Keys, Has.None.EqualTo("Authorization").IgnoreCase, "HttpClient drops Authorization on a redirect");
    }

    [Test]
    public async Task An_image_on_the_API_host_but_over_plain_http_is_fetched_without_credentials()
    {
        RawRequest? download = null;
        using var storage = new RawServer(async c =>
        {
            download = await c.ReadRequestAsync();
            await c.RespondAsync(200, [1, 2, 3], "image/png");
        });
        // The API at https://127.0.0.1:<port> and the image at http://127.0.0.1:<same port>: same host and port, other scheme.
        using var client = Client(new Uri($"https://127.0.0.1:{storage.Port}/api/v1/"));
        var image = new GeneratedImageResult(new Models.GeneratedImage { Url = $"http://127.0.0.1:{storage.Port}/img.png" }, client.Pipeline);

        var bytes = await image.GetBytesAsync().WaitAsync(HangBound);

        Assert.That(bytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(download!.Headers.Keys, Has.None.EqualTo("Authorization").IgnoreCase.And.None.EqualTo("X-API-Key").IgnoreCase);
    }

    [Test]
    public async Task An_image_host_that_stalls_mid_body_is_a_timeout_not_a_hang()
    {
        var headersSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var storage = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n\u0089PNG");
            headersSent.SetResult();
            await c.HoldAsync();
        });
        var clock = Clock();
        using var client = Client(new Uri("http://localhost:1/api/v1/"), o => { o.TimeProvider = clock; o.NetworkTimeout = TimeSpan.FromSeconds(30); });
        var image = new GeneratedImageResult(new Models.GeneratedImage { Url = $"http://127.0.0.1:{storage.Port}/img.png" }, client.Pipeline);

        var download = image.GetBytesAsync();
        await headersSent.Task.WaitAsync(HangBound);
        await AdvanceUntilDoneAsync(clock, download, TimeSpan.FromSeconds(1));
        var outcome = await OutcomeAsync(download);

        Assert.That(outcome, Is.TypeOf<MiladyCloudTimeoutException>());
        Assert.That(((MiladyCloudTimeoutException)outcome!).Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseBody));
    }

    [Test]
    public async Task An_image_download_cut_by_a_reset_is_a_connection_error()
    {
        using var storage = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n\u0089PNG");
            await Task.Delay(20);
            c.Reset();
        });
        using var client = Client(new Uri("http://localhost:1/api/v1/"));
        var image = new GeneratedImageResult(new Models.GeneratedImage { Url = $"http://127.0.0.1:{storage.Port}/img.png" }, client.Pipeline);

        var outcome = await OutcomeAsync(image.GetBytesAsync());

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
    }

    [Test]
    public async Task An_image_without_a_length_that_grows_past_the_bound_is_refused()
    {
        using var storage = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n");
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await c.WriteAsync(chunk);
            }

            c.Close();
        });
        using var client = Client(new Uri("http://localhost:1/api/v1/"), o => o.MaxDownloadBytes = 1024 * 1024);
        var image = new GeneratedImageResult(new Models.GeneratedImage { Url = $"http://127.0.0.1:{storage.Port}/img.png" }, client.Pipeline);

        var outcome = await OutcomeAsync(image.GetBytesAsync());

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
        Assert.That(((MiladyCloudResponseTooLargeException)outcome!).LimitName, Is.EqualTo("MaxDownloadBytes"));
        Assert.That(outcome!.Message, Does.Contain("MaxDownloadBytes"));
    }

    private static RawServer RedirectingTo(RawServer elsewhere, int status)
        => new(async c =>
        {
            while (await c.ReadRequestAsync() is not null)
            {
                await c.RespondAsync(status, string.Empty, string.Empty, $"Location: http://127.0.0.1:{elsewhere.Port}/api/v1/models");
            }
        });
}
