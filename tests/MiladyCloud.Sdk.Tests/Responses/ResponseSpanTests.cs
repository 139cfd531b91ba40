using System.Diagnostics;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Responses;

/// <summary>A response, plain or streamed, is one gen_ai span with the usage and status the service reported.</summary>
[NonParallelizable]
public class ResponseSpanTests : SpanCapturingTests
{
    [Test]
    public async Task A_streamed_response_is_a_chat_span_with_its_id_usage_and_status()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var response = await client.Responses.StreamAsync(new CreateResponseRequest { Model = "span-model", Input = "hi" }).ToResponseAsync();

        var span = Single("chat span-model");

        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
            Assert.That(span.GetTagItem("gen_ai.response.id"), Is.EqualTo(response.Id));
            Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(response.Usage!.InputTokens));
            Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(response.Usage.OutputTokens));
            Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "completed" }));
        });
    }

    [Test]
    public async Task A_plain_response_is_a_chat_span_with_the_request_settings()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var response = await client.Responses.CreateAsync(new CreateResponseRequest { Model = "span-model", Input = "hi", Temperature = 0.3, MaxOutputTokens = 40 });

        var span = Single("chat span-model");

        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("gen_ai.request.temperature"), Is.EqualTo(0.3));
            Assert.That(span.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(40));
            Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(response.Usage!.OutputTokens));
        });
    }
}
