using System.Diagnostics;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Diagnostics;

/// <summary>One gen_ai span per model call (OpenTelemetry semantic conventions), streams included, HTTP spans as children.</summary>
[NonParallelizable]
public class GenAiSpanTests : SpanCapturingTests
{
    [Test]
    public async Task A_chat_completion_is_a_chat_span_with_model_usage_and_finish_reason()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var completion = await client.Chat.CreateAsync(new ChatCompletionRequest
        {
            Model = "openai/gpt-5.4",
            Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }],
            Temperature = 0.2,
            MaxTokens = 50,
        });

        var span = Single("chat openai/gpt-5.4");
        Assert.Multiple(() =>
        {
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
            Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("elizaos.cloud"));
            Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("openai/gpt-5.4"));
            Assert.That(span.GetTagItem("gen_ai.request.temperature"), Is.EqualTo(0.2));
            Assert.That(span.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(50));
            Assert.That(span.GetTagItem("gen_ai.response.id"), Is.EqualTo(completion.Id));
            Assert.That(span.GetTagItem("gen_ai.response.model"), Is.EqualTo("openai/gpt-5.4"));
            Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(completion.Usage!.PromptTokens));
            Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(completion.Usage.CompletionTokens));
            Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
            Assert.That(Single("POST /api/v1/chat/completions").ParentSpanId, Is.EqualTo(span.SpanId), "the HTTP span is a child");
        });
    }

    [Test]
    public async Task A_chat_stream_span_lasts_until_the_stream_ends()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var seenBeforeEnd = 0;
        await foreach (var chunk in client.Chat.StreamAsync("openai/gpt-5.4", "hello there"))
        {
            seenBeforeEnd = Count("chat openai/gpt-5.4");
        }

        var span = Single("chat openai/gpt-5.4");
        Assert.That(seenBeforeEnd, Is.Zero, "the span must not stop while chunks are still arriving");
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
        Assert.That(span.GetTagItem("gen_ai.response.id"), Is.Not.Null);
        Assert.That(Single("POST /api/v1/chat/completions").ParentSpanId, Is.EqualTo(span.SpanId));
    }

    [Test]
    public async Task A_messages_stream_span_carries_the_usage_from_its_events()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var message = await client.Messages.StreamAsync("anthropic/claude-sonnet-4.6", "hello").ToMessageAsync();

        var span = Single("chat anthropic/claude-sonnet-4.6");
        Assert.That(span.GetTagItem("gen_ai.response.id"), Is.EqualTo(message.Id));
        Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(message.Usage.OutputTokens));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(message.Usage.InputTokens));
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { message.StopReason!.Value.Value }));
    }

    [Test]
    public async Task An_embeddings_call_is_an_embeddings_span()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var response = await client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "openai/text-embedding-3-small", Input = "hello" });

        var span = Single("embeddings openai/text-embedding-3-small");
        Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("embeddings"));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(response.Usage!.PromptTokens));
    }

    [Test]
    public void A_failed_call_marks_its_span_with_the_error_type()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.InsufficientCredits());
        using var client = fake.CreateClient();

        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => client.Chat.CreateAsync("openai/gpt-5.4", "hi"));

        var span = Single("chat openai/gpt-5.4");
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.GetTagItem("error.type"), Is.EqualTo(nameof(MiladyCloudInsufficientCreditsException)));
    }

    [Test]
    public async Task Nobody_listening_means_the_stream_is_not_wrapped()
    {
        StopListeningNow();
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var text = (await client.Chat.StreamAsync("openai/gpt-5.4", "hi").ToCompletionAsync()).Choices[0].Message.Content;

        Assert.That(text, Does.Contain("You said: hi"));
        Assert.That(AllSpans(), Is.Empty);
    }

    [Test]
    public async Task App_chat_gets_the_same_chat_spans_as_chat_plain_and_streamed()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var app = await client.Apps.CreateAsync(new CreateAppRequest { Name = "Spans", AppUrl = "https://spans.example.com" });
        var question = new ChatCompletionRequest { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }], MaxTokens = 20 };

        var completion = await client.Apps.CreateChatCompletionAsync(app.App.Id, question);
        var seenBeforeEnd = -1;
        await foreach (var chunk in client.Apps.StreamChatCompletionAsync(app.App.Id, question))
        {
            seenBeforeEnd = Count("chat openai/gpt-5.4");
        }

        var spans = Spans("chat openai/gpt-5.4");

        Assert.That(spans, Has.Count.EqualTo(2), "one span for the call, one for the stream");
        Assert.Multiple(() =>
        {
            Assert.That(seenBeforeEnd, Is.EqualTo(1), "the stream's span must not stop while chunks are still arriving");
            Assert.That(spans[0].GetTagItem("gen_ai.response.id"), Is.EqualTo(completion.Id));
            Assert.That(spans[0].GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(20));
            Assert.That(spans[1].GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
            Assert.That(spans[1].GetTagItem("gen_ai.response.id"), Is.Not.Null);
        });
    }

}
