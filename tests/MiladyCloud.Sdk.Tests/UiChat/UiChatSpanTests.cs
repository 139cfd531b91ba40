using System.Diagnostics;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.UiChat;

/// <summary>A UI chat is one gen_ai span named after what was asked for (the tier), lasting until its stream ends.</summary>
[NonParallelizable]
public class UiChatSpanTests : SpanCapturingTests
{
    [Test]
    public async Task A_ui_chat_is_a_chat_span_named_after_its_tier_with_the_finish_reason()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var result = await client.UiChat.CreateAsync("hi", UiChatTier.Ultra);

        var span = Single("chat ultra");
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.Not.Empty);
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
            Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("ultra"));
            Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [TestCase(null, null, "chat pro")]
    [TestCase(null, "some-model-id", "chat some-model-id")]
    [TestCase(null, "6f1c9a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "chat pro")]
    [TestCase("fast", "some-model-id", "chat fast")]
    public async Task Without_a_tier_the_span_names_what_the_server_resolves(string? tier, string? id, string expected)
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var request = new UiChatRequest
        {
            Messages = [new UiChatMessage { Role = UiChatRole.User, Content = "hi" }],
            Tier = tier is null ? (UiChatTier?)null : new UiChatTier(tier),
            Id = id,
        };

        await client.UiChat.CreateAsync(request);

        Assert.That(Single(expected), Is.Not.Null);
    }

    [Test]
    public void A_refused_chat_ends_its_span_as_an_error()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.Status(System.Net.HttpStatusCode.ServiceUnavailable, message: "AI services are not configured on this deployment"), "/chat");

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => client.UiChat.CreateAsync("hi", UiChatTier.Fast));

        var span = Single("chat fast");
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
    }
}
