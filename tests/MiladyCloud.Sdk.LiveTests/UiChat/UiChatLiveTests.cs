using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.LiveTests.Infrastructure;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.LiveTests.UiChat;

/// <summary>The web app's chat route (<c>POST /api/v1/chat</c>): its refusals; no answer can stream without a provider.</summary>
public sealed class UiChatLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public void Without_a_configured_provider_a_chat_is_a_permanent_503_not_retried()
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => client.UiChat.CreateAsync("Say hi"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(error.Message, Does.Contain("AI services are not configured"));
            Assert.That(error.IsRetryable, Is.False);
            Assert.That(RequestsSent, Is.EqualTo(1), "an answer that can never succeed is not retried");
        });
    }

    [Test]
    public void The_same_holds_for_a_stream_of_ui_parts_with_a_tier()
    {
        var client = CreateClient();
        var request = new UiChatRequest
        {
            Messages = [new UiChatMessage { Role = UiChatRole.User, Parts = [new UiMessagePart { Type = "text", Text = "Say hi" }] }],
            Tier = UiChatTier.Pro,
        };

        var error = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(async () => await client.UiChat.StreamAsync(request).ToResultAsync());

        Assert.That(RequestsSent, Is.EqualTo(1));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public void Empty_messages_and_an_unknown_role_are_refused_before_sending()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<ArgumentException>(() => client.UiChat.CreateAsync(new UiChatRequest { Messages = [] }));
        Assert.ThrowsAsync<ArgumentException>(() => client.UiChat.CreateAsync(new UiChatRequest { Messages = [new UiChatMessage { Role = new UiChatRole("robot"), Content = "hi" }] }));

        Assert.That(RequestsSent, Is.Zero);
    }

    [TestCase("""{"messages":[]}""", "Messages array cannot be empty")]
    [TestCase("""{"messages":[{"role":"robot","content":"hi"}]}""", "Invalid message role \"robot\"")]
    public void What_the_SDK_refuses_the_server_answers_with_400(string body, string message)
    {
        // Sent through the escape hatch, which does not validate: the server's own answers.
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.SendAsync(HttpMethod.Post, "chat", JsonDocument.Parse(body).RootElement));

        Assert.That(error!.Message, Does.Contain(message));
    }
}
