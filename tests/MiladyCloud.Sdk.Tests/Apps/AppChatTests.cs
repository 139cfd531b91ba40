using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppChatTests
{
    private static ChatCompletionRequest Question => new()
    {
        Model = "openai/gpt-5.4",
        Messages = [new ChatMessage { Role = ChatRole.User, Content = "Hi" }],
    };

    [Test]
    public async Task CreateChatCompletionAsync_posts_the_request_unchanged_and_maps_the_completion()
    {
        using var api = new AppApi();
        api.Respond("POST", "/api/v1/apps/a-1/chat", """
            {"id":"gen-1","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
            """);

        var completion = await api.Client.Apps.CreateChatCompletionAsync("a-1", Question);

        api.AssertRequest("POST", "/api/v1/apps/a-1/chat", """{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Hi"}]}""");
        Assert.Multiple(() =>
        {
            Assert.That(completion.Id, Is.EqualTo("gen-1"));
            Assert.That(completion.Choices.Single().Message.Content, Is.EqualTo("Hello"));
            Assert.That(completion.Choices.Single().FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(completion.Usage!.TotalTokens, Is.EqualTo(4));
        });
    }

    [Test]
    public void CreateChatCompletionAsync_rejects_a_request_without_messages_before_sending()
    {
        using var api = new AppApi();
        Assert.ThrowsAsync<ArgumentException>(() => api.Client.Apps.CreateChatCompletionAsync("a-1", new ChatCompletionRequest { Model = "m", Messages = [] }));
        api.AssertNothingSent();
    }

    [Test]
    public void Missing_app_credits_are_typed_with_the_amounts()
    {
        using var api = new AppApi();
        api.Respond("POST", "/api/v1/apps/a-1/chat", """{"error":{"message":"Insufficient credits","type":"insufficient_quota","code":"insufficient_app_credits","required":0.02,"balance":0.01}}""", 402);

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.Apps.CreateChatCompletionAsync("a-1", Question));
        Assert.That(ex!.RequiredAmount, Is.EqualTo(0.02m));
    }

    [Test]
    public async Task StreamChatCompletionAsync_yields_chunks_then_raises_the_in_band_failure()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(
                "data: {\"id\":\"gen-abc\",\"object\":\"chat.completion.chunk\",\"created\":1714230000,\"model\":\"openai/gpt-5.4\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Sure\"},\"finish_reason\":null}]}\n\n" +
                "data: {\"error\":{\"message\":\"Stream interrupted. Credits refunded.\",\"type\":\"api_error\",\"code\":\"stream_error\"}}\n\n" +
                "data: [DONE]\n\n"));

        var texts = new List<string?>();
        var ex = Assert.CatchAsync<MiladyCloudApiException>(async () =>
        {
            await foreach (var chunk in api.Client.Apps.StreamChatCompletionAsync("a-1", Question))
            {
                texts.Add(chunk.Choices.Single().Delta.Content);
            }
        });

        Assert.That(texts, Is.EqualTo(new[] { "Sure" }));
        Assert.That(ex!.Message, Does.Contain("Credits refunded"));
        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Body, Does.Contain("\"stream\":true"));
        Assert.That(sent.Headers!["Accept"].Single(), Is.EqualTo("text/event-stream"));
        await Task.CompletedTask;
    }

    [Test]
    public void An_in_band_stream_error_never_shows_the_session_token_or_the_key()
    {
        const string session = "privy-session-token-0123456789abcdef";
        using var api = new FakeApi(o => o.SessionToken = session);
        api.Server.Given(Request.Create().WithPath("/api/v1/apps/a-1/chat").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(
                "data: {\"error\":{\"message\":\"upstream echoed " + session + " and " + FakeApi.ApiKey + "\",\"type\":\"api_error\",\"code\":\"" + session + "\"}}\n\n"));

        var ex = Assert.CatchAsync<MiladyCloudApiException>(async () =>
        {
            await foreach (var chunk in api.Client.Apps.StreamChatCompletionAsync("a-1", Question))
            {
            }
        });

        var texts = new[] { ex!.Message, ex.RawBody, ex.ServerCode, ex.ServerMessage, ex.ToString() };
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("upstream echoed"));
            foreach (var text in texts)
            {
                Assert.That(text ?? string.Empty, Does.Not.Contain(session).IgnoreCase.And.Not.Contain(FakeApi.ApiKey[6..]).IgnoreCase);
            }
        });
    }
}
