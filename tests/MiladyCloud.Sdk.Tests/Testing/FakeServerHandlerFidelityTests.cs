using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>Answers of the fake checked against what the handlers really send: framing, credential refusals, error codes.</summary>
public class FakeServerHandlerFidelityTests
{
    [Test]
    public async Task Text_to_speech_streams_its_audio_chunked_without_a_length()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var request = Post(fake, "voice/tts", """{"text":"Hello there."}""", MiladyCloudFakeServer.ApiKey);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        // Read before the body: once buffered, HttpContent computes a length of its own.
        var length = response.Content.Headers.ContentLength;
        var audio = await response.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("audio/mpeg"));
            Assert.That(length, Is.Null, "the service streams the provider's audio as it comes");
            Assert.That(response.Headers.TransferEncodingChunked, Is.True);
            Assert.That(audio, Is.Not.Empty);
        });
    }

    [Test]
    public async Task The_SDK_reads_the_chunked_speech_with_no_known_length()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        await using var speech = await client.Voice.CreateSpeechAsync("Hello there.");
        using var buffer = new MemoryStream();
        await speech.CopyToAsync(buffer);

        Assert.That(speech.ContentLength, Is.Null);
        Assert.That(buffer.Length, Is.GreaterThan(0));
    }

    [TestCase("api/crypto/payments", HttpStatusCode.InternalServerError, """{"error":"Failed to retrieve payments"}""")]
    [TestCase("api/crypto/payments/5e0b7c1a-2d3e-4f50-8a6b-7c8d9e0f1a2b", HttpStatusCode.InternalServerError, """{"error":"Failed to get payment status"}""")]
    public async Task A_refused_key_on_the_crypto_payment_routes_is_the_handlers_500(string path, HttpStatusCode status, string body)
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_wrong");

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body));
    }

    [Test]
    public async Task The_crypto_status_handler_reads_no_credential_and_only_the_edge_wants_one()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var withWrongKey = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.Url, "api/crypto/status"));
        withWrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_wrong");
        using var withNone = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.Url, "api/crypto/status"));

        using var answered = await http.SendAsync(withWrongKey);
        using var refused = await http.SendAsync(withNone);

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await answered.Content.ReadAsStringAsync(), Does.Contain("\"enabled\":true"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void The_insufficient_credits_fault_on_responses_uses_the_translation_paths_code()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.InsufficientCredits(), "/responses");

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => client.Responses.CreateAsync("anthropic/claude-sonnet-4.6", "Hi"));

        Assert.That(ex!.ServerType, Is.EqualTo("insufficient_quota"));
        Assert.That(ex.ServerCode, Is.EqualTo("insufficient_balance"));
        Assert.That(ex.ServerMessage, Is.EqualTo("Insufficient balance. Required: $0.02"));
    }

    private static HttpRequestMessage Post(MiladyCloudFakeServer fake, string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.BaseUrl, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
