using System.Net.Http.Headers;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>FakeFault.DroppedConnection really breaks the connection, and the SDK reports it as a transport failure.</summary>
public class FakeDroppedConnectionTests
{
    private MiladyCloudFakeServer _fake = null!;

    [SetUp]
    public void SetUp() => _fake = MiladyCloudFakeServer.Start();

    [TearDown]
    public void TearDown() => _fake.Dispose();

    [Test]
    public async Task A_plain_HttpClient_sees_a_transport_error_not_a_short_body_and_the_fake_keeps_serving()
    {
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);
        _fake.Faults.Enqueue(FakeFault.DroppedConnection());

        var ex = Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("models"));
        using var next = await http.GetAsync("models");

        Assert.That(ex!.InnerException, Is.InstanceOf<IOException>(), ex.ToString());
        Assert.That(next.IsSuccessStatusCode, Is.True, "only the faulted request is dropped");
    }

    [Test]
    public void A_GET_dropped_after_the_headers_is_retried_then_reported_as_a_broken_read()
    {
        using var client = _fake.CreateClient(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        _fake.Faults.Enqueue(FakeFault.DroppedConnection(), times: 3);

        var ex = Assert.ThrowsAsync<MiladyCloudConnectionException>(() => client.Models.ListAsync());

        Assert.Multiple(() =>
        {
            // The body is read inside each attempt, so a GET whose body broke off is tried again.
            Assert.That(_fake.Requests, Has.Count.EqualTo(3));
            Assert.That(ex!.RequestNeverSent, Is.False, "the request reached the server before the connection broke");
            Assert.That(ex.Message, Does.Contain("broke while the response to GET /api/v1/models was being read"));
            Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
        });
    }

    [Test]
    public void A_credit_consuming_call_dropped_after_the_headers_is_not_sent_again()
    {
        using var client = _fake.CreateClient(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.Zero; });
        _fake.Faults.Enqueue(FakeFault.DroppedConnection(), times: 3);

        var ex = Assert.ThrowsAsync<MiladyCloudConnectionException>(() => client.Chat.CreateAsync("openai/gpt-5.4", "hi"));

        Assert.That(_fake.Requests, Has.Count.EqualTo(1), "the server may already have billed the work");
        Assert.That(ex!.RequestNeverSent, Is.False);
    }

    [Test]
    public void A_stream_dropped_after_its_headers_ends_as_an_incomplete_stream()
    {
        using var client = _fake.CreateClient(o => o.MaxRetries = 0);
        _fake.Faults.Enqueue(FakeFault.DroppedConnection());

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(async () =>
        {
            await foreach (var _ in client.Chat.StreamAsync("openai/gpt-5.4", "hi"))
            {
            }
        });

        Assert.That(ex!.InnerException, Is.InstanceOf<IOException>().Or.InstanceOf<HttpRequestException>(), ex.ToString());
    }
}
