using System.Net;
using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.UiChat;

/// <summary>The fake serves POST /api/v1/chat like its handler: a UI message stream, its refusals and stream faults.</summary>
public class FakeServerUiChatTests
{
    [Test]
    public async Task The_fake_streams_a_UI_message_stream_that_ends_with_DONE()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var stream = client.UiChat.StreamAsync("ping", UiChatTier.Fast);
        var accumulator = new UiChatAccumulator();
        var types = new List<string?>();
        await foreach (var part in stream)
        {
            types.Add(part.Type);
            accumulator.Add(part);
        }

        var result = accumulator.ToResult();
        Assert.Multiple(() =>
        {
            Assert.That(types[..2], Is.EqualTo(new[] { "start", "start-step" }));
            Assert.That(types[^3..], Is.EqualTo(new[] { "text-end", "finish-step", "finish" }));
            Assert.That(types, Does.Not.Contain("reasoning-start"), "the fast tier does not think");
            Assert.That(result.Text, Does.Contain("You said: ping"));
            Assert.That(result.FinishReason, Is.EqualTo(UiChatFinishReason.Stop));
            Assert.That(stream.SkippedPartCount, Is.Zero);
            Assert.That(fake.Requests.Single().Path, Is.EqualTo("/api/v1/chat"));
        });
    }

    [Test]
    public async Task The_ultra_tier_thinks_and_UI_message_parts_are_read()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var result = await client.UiChat.CreateAsync(new UiChatRequest
        {
            Tier = UiChatTier.Ultra,
            Messages = [new UiChatMessage { Id = "m1", Role = UiChatRole.User, Parts = [new UiMessagePart { Type = "text", Text = "from parts" }] }],
        });

        Assert.That(result.Reasoning, Is.Not.Empty);
        Assert.That(result.Text, Does.Contain("You said: from parts"));
    }

    [Test]
    public async Task The_fake_answers_with_the_UI_stream_headers()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.BaseUrl, "chat")) { Content = new StringContent("""{"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(response.Headers.GetValues("x-vercel-ai-ui-message-stream").Single(), Is.EqualTo("v1"));
            Assert.That(body, Does.StartWith("data: {\"type\":\"start\"}\n\n"));
            Assert.That(body, Does.EndWith("data: [DONE]\n\n"));
        });
    }

    [TestCase("""{"messages":[]}""", 400, "Messages array cannot be empty")]
    [TestCase("""{}""", 400, "Messages array cannot be empty")]
    [TestCase("""{"messages":[{"role":"bot","content":"x"}]}""", 400, "Invalid message role \"bot\" at index 0. Valid roles: user, assistant, system, tool")]
    [TestCase("""{"messages":[{"role":"tool","content":"x"}]}""", 500, "Failed to process chat")]
    public async Task The_handlers_refusals_come_with_its_bodies(string body, int status, string error)
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.BaseUrl, "chat")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), Is.EqualTo(error));
    }

    [Test]
    public void Without_credentials_the_fake_answers_like_the_handler_without_an_anonymous_session()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = "eliza_wrong", BaseUrl = fake.BaseUrl, MaxRetries = 0 });

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.RawBody, Is.EqualTo("""{"error":"Authentication required"}"""));
    }

    [Test]
    public void The_insufficient_credits_fault_uses_the_handlers_body()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.InsufficientCredits(), "/chat");

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Insufficient balance"));
        Assert.That(ex.Details!.Value.GetString(), Does.StartWith("Insufficient credits. Required:"));
    }

    [Test]
    public void The_not_configured_503_is_final()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient(o => o.MaxRetries = 2);
        fake.Faults.Enqueue(FakeFault.Status(HttpStatusCode.ServiceUnavailable, message: "AI services are not configured on this deployment"), "/chat", times: 5);

        var ex = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.RawBody, Is.EqualTo("""{"error":"AI services are not configured on this deployment"}"""));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_stream_error_fault_is_an_error_part_raised_as_the_typed_exception()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.StreamError(3, message: "Provider overloaded"), "/chat");

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Provider overloaded"));
    }

    [Test]
    public void A_stream_cut_before_DONE_is_incomplete()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.StreamCut(4), "/chat");

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ItemsReceived, Is.EqualTo(4));
    }
}
