using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.Chat;

/// <summary>Chat completions' error paths (no completion can succeed without a real provider).</summary>
public sealed class ChatLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public void A_model_without_a_configured_provider_is_a_permanent_503_not_retried()
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => client.Chat.CreateAsync("openai/gpt-5.4", "Say hi"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(error.ServerCode, Is.EqualTo("ai_not_configured"));
            Assert.That(error.IsRetryable, Is.False);
            Assert.That(RequestsSent, Is.EqualTo(1), "an answer that can never succeed is not retried");
        });
    }

    [Test]
    public void The_same_holds_for_a_stream()
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(async () => await client.Chat.StreamAsync("openai/gpt-5.4", "Say hi").ToCompletionAsync());

        Assert.That(error!.ServerCode, Is.EqualTo("ai_not_configured"));
        Assert.That(RequestsSent, Is.EqualTo(1));
    }

    [Test]
    public void A_tool_message_is_refused_before_sending()
    {
        var client = CreateClient();
        var request = new ChatCompletionRequest
        {
            Model = "openai/gpt-5.4",
            Messages = [new ChatMessage { Role = ChatRole.User, Content = "Weather?" }, new ChatMessage { Role = ChatRole.Tool, Content = "sunny", ToolCallId = "call_1" }],
        };

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Chat.CreateAsync(request));

        Assert.That(error!.Message, Does.Contain("client.Messages"));
        Assert.That(RequestsSent, Is.Zero);
    }

    [Test]
    public void What_the_SDK_refuses_the_server_would_fail_on()
    {
        // Sent through the escape hatch, which does not validate: the server's own answer to a tool message.
        var client = CreateClient();
        var body = JsonDocument.Parse("""{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Weather?"},{"role":"tool","content":"sunny","tool_call_id":"call_1"}]}""").RootElement;

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.SendAsync(HttpMethod.Post, "chat/completions", body));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }

    [Test]
    public void A_body_without_messages_is_an_invalid_request()
    {
        var client = CreateClient();
        var body = JsonDocument.Parse("""{"model":"openai/gpt-5.4"}""").RootElement;

        var error = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.SendAsync(HttpMethod.Post, "chat/completions", body));

        Assert.That(error!.ServerCode, Is.EqualTo("missing_required_parameter"));
    }
}
