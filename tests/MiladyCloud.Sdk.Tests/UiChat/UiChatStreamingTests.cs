using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Streaming;

namespace MiladyCloud.Sdk.Tests.UiChat;

/// <summary>UI message streams of POST /api/v1/chat: the wire, every part kind, unknown parts, endings, in-band errors.</summary>
public class UiChatStreamingTests
{
    /// <summary>What the AI SDK's writer sends for a thinking model: one step, reasoning, then text.</summary>
    private const string Transcript = """
        data: {"type":"start"}

        data: {"type":"start-step"}

        data: {"type":"reasoning-start","id":"r0"}

        data: {"type":"reasoning-delta","id":"r0","delta":"Greeting; "}

        data: {"type":"reasoning-delta","id":"r0","delta":"answer briefly."}

        data: {"type":"reasoning-end","id":"r0"}

        data: {"type":"text-start","id":"t0"}

        data: {"type":"text-delta","id":"t0","delta":"Hello"}

        data: {"type":"text-delta","id":"t0","delta":" there!"}

        data: {"type":"text-end","id":"t0"}

        data: {"type":"finish-step"}

        data: {"type":"finish","finishReason":"stop"}

        data: [DONE]


        """;

    private static UiChatRequest Request() => new()
    {
        Id = "5b1f2e5c-0000-4000-8000-000000000001",
        Tier = UiChatTier.Fast,
        Messages = [new UiChatMessage { Role = UiChatRole.User, Content = "Hi", Metadata = new UiChatMessageMetadata { ConversationId = "conv-1" } }],
    };

    [Test]
    public async Task StreamAsync_posts_the_request_as_it_is_and_yields_typed_parts()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcript);
        harness.Body.End();

        var stream = harness.Client.UiChat.StreamAsync(Request());
        var parts = new List<UiChatStreamPart>();
        await foreach (var part in stream)
        {
            parts.Add(part);
        }

        var sent = harness.Transport.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(parts.Select(p => p.GetType()), Is.EqualTo(new[]
            {
                typeof(UiChatStartPart), typeof(UiChatStartStepPart), typeof(UiChatReasoningStartPart), typeof(UiChatReasoningDeltaPart),
                typeof(UiChatReasoningDeltaPart), typeof(UiChatReasoningEndPart), typeof(UiChatTextStartPart), typeof(UiChatTextDeltaPart),
                typeof(UiChatTextDeltaPart), typeof(UiChatTextEndPart), typeof(UiChatFinishStepPart), typeof(UiChatFinishPart),
            }));
            Assert.That(((UiChatTextDeltaPart)parts[7]).Delta, Is.EqualTo("Hello"));
            Assert.That(((UiChatTextDeltaPart)parts[7]).Id, Is.EqualTo("t0"));
            Assert.That(((UiChatFinishPart)parts[^1]).FinishReason, Is.EqualTo(UiChatFinishReason.Stop));
            Assert.That(stream.SkippedPartCount, Is.Zero);
            Assert.That(stream.RateLimit!.Remaining, Is.EqualTo(41));
            Assert.That(sent.RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/chat"));
            Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(sent.Headers.Accept.Single().MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(harness.Transport.Bodies.Single(), Is.EqualTo(
                """{"messages":[{"role":"user","content":"Hi","metadata":{"conversationId":"conv-1"}}],"id":"5b1f2e5c-0000-4000-8000-000000000001","tier":"fast"}"""),
                "no stream member: the route always streams");
        });
    }

    [Test]
    public async Task CreateAsync_adds_the_parts_up()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcript);
        harness.Body.End();

        var result = await harness.Client.UiChat.CreateAsync("Hi", UiChatTier.Ultra);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo("Hello there!"));
            Assert.That(result.Reasoning, Is.EqualTo("Greeting; answer briefly."));
            Assert.That(result.FinishReason, Is.EqualTo(UiChatFinishReason.Stop));
            Assert.That(result.IsFinished, Is.True);
            Assert.That(result.IsAborted, Is.False);
            Assert.That(result.MessageId, Is.Null, "the route sends no message id");
            Assert.That(result.StepCount, Is.EqualTo(1));
            Assert.That(result.PartCount, Is.EqualTo(12));
            Assert.That(result.SkippedPartCount, Is.Zero);
            Assert.That(harness.Transport.Bodies.Single(), Is.EqualTo("""{"messages":[{"role":"user","content":"Hi"}],"tier":"ultra"}"""));
        });
    }

    [Test]
    public async Task Every_part_kind_of_the_protocol_is_typed_and_unknown_kinds_are_skipped_and_counted()
    {
        using var harness = new StreamingHarness();
        foreach (var json in new[]
        {
            """{"type":"start","messageId":"msg-1","messageMetadata":{"n":1}}""",
            """{"type":"start-step"}""",
            """{"type":"data-weather","id":"d1","data":{"sky":"clear"}}""",
            """{"type":"tool-input-start","toolCallId":"c1","toolName":"weather","dynamic":true}""",
            """{"type":"tool-input-delta","toolCallId":"c1","inputTextDelta":"{\"city\":"}""",
            """{"type":"tool-input-available","toolCallId":"c1","toolName":"weather","input":{"city":"Paris"},"providerExecuted":false}""",
            """{"type":"tool-input-error","toolCallId":"c2","toolName":"weather","input":"x","errorText":"bad input"}""",
            """{"type":"tool-approval-request","approvalId":"a1","toolCallId":"c1"}""",
            """{"type":"tool-output-available","toolCallId":"c1","output":{"sky":"clear"},"preliminary":false}""",
            """{"type":"tool-output-error","toolCallId":"c3","errorText":"tool failed"}""",
            """{"type":"tool-output-denied","toolCallId":"c4"}""",
            """{"type":"source-url","sourceId":"s1","url":"https://example.org","title":"Example"}""",
            """{"type":"source-document","sourceId":"s2","mediaType":"application/pdf","title":"Doc","filename":"doc.pdf"}""",
            """{"type":"file","url":"data:image/png;base64,AAAA","mediaType":"image/png"}""",
            """{"type":"message-metadata","messageMetadata":{"n":2}}""",
            """{"type":"some-future-part","x":1}""",
            """{"type":"finish-step"}""",
            """{"type":"abort","reason":"client left"}""",
            """{"type":"finish","finishReason":"tool-calls","messageMetadata":{"n":3}}""",
        })
        {
            harness.Body.Write($"data: {json}\n\n");
        }

        harness.Body.Write("data: [DONE]\n\n");
        harness.Body.End();

        var stream = harness.Client.UiChat.StreamAsync("Weather?");
        var accumulator = new UiChatAccumulator();
        var parts = new List<UiChatStreamPart>();
        await foreach (var part in stream)
        {
            parts.Add(part);
            accumulator.Add(part);
        }

        var result = accumulator.ToResult();
        Assert.Multiple(() =>
        {
            Assert.That(parts.Where(p => p.GetType() == typeof(UiChatStreamPart)), Is.Empty, "no known part is left untyped");
            Assert.That(stream.SkippedPartCount, Is.EqualTo(2));
            Assert.That(((UiChatStartPart)parts[0]).MessageId, Is.EqualTo("msg-1"));
            Assert.That(((UiChatToolInputStartPart)parts[2]).Dynamic, Is.True);
            Assert.That(((UiChatToolInputDeltaPart)parts[3]).InputTextDelta, Is.EqualTo("{\"city\":"));
            Assert.That(((UiChatToolInputAvailablePart)parts[4]).Input!.Value.GetProperty("city").GetString(), Is.EqualTo("Paris"));
            Assert.That(((UiChatToolInputErrorPart)parts[5]).ErrorText, Is.EqualTo("bad input"));
            Assert.That(((UiChatToolApprovalRequestPart)parts[6]).ApprovalId, Is.EqualTo("a1"));
            Assert.That(((UiChatToolOutputAvailablePart)parts[7]).Output!.Value.GetProperty("sky").GetString(), Is.EqualTo("clear"));
            Assert.That(((UiChatToolOutputErrorPart)parts[8]).ErrorText, Is.EqualTo("tool failed"));
            Assert.That(((UiChatToolOutputDeniedPart)parts[9]).ToolCallId, Is.EqualTo("c4"));
            Assert.That(((UiChatSourceUrlPart)parts[10]).Url, Is.EqualTo("https://example.org"));
            Assert.That(((UiChatSourceDocumentPart)parts[11]).Filename, Is.EqualTo("doc.pdf"));
            Assert.That(((UiChatFilePart)parts[12]).MediaType, Is.EqualTo("image/png"));
            Assert.That(((UiChatMessageMetadataPart)parts[13]).MessageMetadata!.Value.GetProperty("n").GetInt32(), Is.EqualTo(2));
            Assert.That(((UiChatAbortPart)parts[15]).Reason, Is.EqualTo("client left"));
            Assert.That(result.MessageId, Is.EqualTo("msg-1"));
            Assert.That(result.FinishReason, Is.EqualTo(UiChatFinishReason.ToolCalls));
            Assert.That(result.IsAborted, Is.True);
            Assert.That(result.AbortReason, Is.EqualTo("client left"));
            Assert.That(result.ToolCalls.Single().ToolName, Is.EqualTo("weather"));
            Assert.That(result.Sources.Single().Title, Is.EqualTo("Example"));
            Assert.That(result.Files.Single().Url, Does.StartWith("data:image/png"));
            Assert.That(result.MessageMetadata!.Value.GetProperty("n").GetInt32(), Is.EqualTo(3));
            Assert.That(result.PartCount, Is.EqualTo(17));
        });
    }

    [Test]
    public void An_error_part_is_raised_as_the_typed_exception_with_its_text()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("data: {\"type\":\"start\"}\n\ndata: {\"type\":\"start-step\"}\n\ndata: {\"type\":\"error\",\"errorText\":\"Provider returned 500\"}\n\ndata: [DONE]\n\n");
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => harness.Client.UiChat.CreateAsync("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ex.ServerMessage, Is.EqualTo("Provider returned 500"));
            Assert.That(ex.RawBody, Is.EqualTo("""{"type":"error","errorText":"Provider returned 500"}"""));
        });
    }

    [Test]
    public void A_stream_that_stops_before_DONE_is_incomplete()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("data: {\"type\":\"start\"}\n\ndata: {\"type\":\"text-start\",\"id\":\"t\"}\n\ndata: {\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"Hel\"}\n\n");
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => harness.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ItemsReceived, Is.EqualTo(3));
    }

    [Test]
    public void A_known_part_without_its_required_members_is_a_format_error()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("data: {\"type\":\"text-delta\",\"id\":\"t\"}\n\ndata: [DONE]\n\n");
        harness.Body.End();

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => harness.Client.UiChat.CreateAsync("Hi"));
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        yield return new TestCaseData(new UiChatRequest { Messages = [] }, "empty").SetName("Empty messages are refused");
        yield return new TestCaseData(new UiChatRequest { Messages = [new UiChatMessage { Role = "tool", Content = "42" }] }, "500").SetName("A tool message is refused (the converter fails on it)");
        yield return new TestCaseData(new UiChatRequest { Messages = [new UiChatMessage { Role = "developer", Content = "x" }] }, "400").SetName("An unknown role is refused");
        yield return new TestCaseData(new UiChatRequest { Messages = [new UiChatMessage { Role = UiChatRole.User, Content = "x", Parts = [new UiMessagePart { Type = "text", Text = "x" }] }] }, "both").SetName("Content and parts together are refused");
        yield return new TestCaseData(new UiChatRequest { Messages = [new UiChatMessage { Role = UiChatRole.User, Parts = [new UiMessagePart { Type = " " }] }] }, "type").SetName("A part without a type is refused");
        yield return new TestCaseData(new UiChatRequest { Messages = [new UiChatMessage { Role = UiChatRole.User, Content = "x" }], Tier = " " }, "tier").SetName("A blank tier is refused");
    }

    [TestCaseSource(nameof(BadRequests))]
    public void Bad_input_is_refused_before_anything_is_sent(UiChatRequest request, string mention)
    {
        using var harness = new StreamingHarness();

        var ex = Assert.Throws<ArgumentException>(() => harness.Client.UiChat.StreamAsync(request));

        Assert.That(ex!.Message, Does.Contain(mention));
        Assert.That(() => harness.Client.UiChat.CreateAsync(request), Throws.InstanceOf<ArgumentException>());
        Assert.That(harness.Transport.Requests, Is.Empty);
    }

    [Test]
    public void A_blank_prompt_is_refused()
    {
        using var harness = new StreamingHarness();

        Assert.Throws<ArgumentException>(() => harness.Client.UiChat.StreamAsync(" "));
        Assert.That(harness.Transport.Requests, Is.Empty);
    }

    [Test]
    public async Task UI_message_parts_go_over_the_wire_with_unknown_members_kept()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("data: [DONE]\n\n");
        harness.Body.End();
        var part = new UiMessagePart { Type = "file", MediaType = "image/png", Url = "https://example.org/a.png" };
        part.AdditionalProperties["providerMetadata"] = System.Text.Json.JsonDocument.Parse("""{"x":1}""").RootElement;
        var request = new UiChatRequest
        {
            Messages = [new UiChatMessage { Id = "m1", Role = UiChatRole.User, Parts = [new UiMessagePart { Type = "text", Text = "What is this?" }, part] }],
        };

        var result = await harness.Client.UiChat.CreateAsync(request);

        Assert.That(result.PartCount, Is.Zero);
        Assert.That(harness.Transport.Bodies.Single(), Is.EqualTo(
            """{"messages":[{"id":"m1","role":"user","parts":[{"type":"text","text":"What is this?"},{"type":"file","mediaType":"image/png","url":"https://example.org/a.png","providerMetadata":{"x":1}}]}]}"""));
    }
}
