using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Streaming;

namespace MiladyCloud.Sdk.Tests.Messages;

/// <summary>Anthropic-style message streams: every event typed, tool input assembled, endings and in-band errors.</summary>
public class MessageStreamingTests
{
    private static MessageRequest Request() => new()
    {
        Model = "claude-sonnet-4-6",
        MaxTokens = 1024,
        Messages = [new MessageParam { Role = MessageRole.User, Content = "Weather in Paris?" }],
        Tools = [new MessageTool { Name = "get_weather", InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement }],
    };

    [Test]
    public async Task The_servers_transcript_yields_every_event_typed_and_in_order()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages);
        harness.Body.End();

        var events = new List<MessageStreamEvent>();
        await foreach (var e in harness.Client.Messages.StreamAsync(Request()))
        {
            events.Add(e);
        }

        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[]
        {
            typeof(MessageStartEvent), typeof(PingEvent), typeof(ContentBlockStartEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockStopEvent),
            typeof(ContentBlockStartEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockStopEvent),
            typeof(MessageDeltaEvent), typeof(MessageStopEvent),
        }));
        var body = JsonDocument.Parse(harness.Transport.Bodies.Single()!).RootElement;
        Assert.That(harness.Transport.Requests.Single().RequestUri!.AbsolutePath, Is.EqualTo("/api/v1/messages"));
        Assert.That(body.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(1024));
        Assert.That(body.GetProperty("tools")[0].GetProperty("input_schema").GetProperty("required")[0].GetString(), Is.EqualTo("city"));
    }

    [Test]
    public async Task ToMessageAsync_assembles_text_and_tool_input_from_partial_json()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages);
        harness.Body.End();

        var message = await harness.Client.Messages.StreamAsync(Request()).ToMessageAsync();

        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Is.EqualTo("msg_3f9a1c0d2b7e4a5f8c6d1e2f"));
            Assert.That(((TextBlock)message.Content[0]).Text, Is.EqualTo("Let me check the weather."));
            var tool = (ToolUseBlock)message.Content[1];
            Assert.That((tool.Id, tool.Name), Is.EqualTo(("toolu_01A", "get_weather")));
            Assert.That(tool.Input.GetProperty("city").GetString(), Is.EqualTo("Paris"));
            Assert.That(message.StopReason, Is.EqualTo(StopReason.ToolUse));
            Assert.That(message.Usage.InputTokens, Is.EqualTo(412));
            Assert.That(message.Usage.OutputTokens, Is.EqualTo(38));
        });
    }

    [Test]
    public async Task An_error_event_throws_the_typed_exception_after_the_events_already_yielded()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.MessagesFailure);
        harness.Body.End();
        var received = new List<MessageStreamEvent>();

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(async () =>
        {
            await foreach (var e in harness.Client.Messages.StreamAsync(Request()))
            {
                received.Add(e);
            }
        });

        Assert.That(received.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(MessageStartEvent), typeof(PingEvent) }));
        Assert.That(ex!.ServerType, Is.EqualTo("api_error"));
        Assert.That(ex.ServerMessage, Is.EqualTo("provider exploded"));
        await Task.CompletedTask;
    }

    [TestCase("overloaded_error", typeof(MiladyCloudServiceUnavailableException))]
    [TestCase("rate_limit_error", typeof(MiladyCloudRateLimitedException))]
    [TestCase("invalid_request_error", typeof(MiladyCloudInvalidRequestException))]
    public void An_error_event_maps_its_type_to_the_exception(string type, Type expected)
    {
        using var harness = new StreamingHarness();
        harness.Body.Write($"event: error\ndata: {{\"type\":\"error\",\"error\":{{\"type\":\"{type}\",\"message\":\"x\"}}}}\n\n");
        harness.Body.End();

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => harness.Client.Messages.StreamAsync(Request()).ToMessageAsync());

        Assert.That(ex, Is.TypeOf(expected));
    }

    [Test]
    public void A_stream_without_message_stop_is_incomplete()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages[..Transcripts.Messages.IndexOf("event: message_delta", StringComparison.Ordinal)]);
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => harness.Client.Messages.StreamAsync(Request()).ToMessageAsync());

        Assert.That(ex!.ItemsReceived, Is.EqualTo(9));
    }

    [Test]
    public async Task Unknown_events_are_skipped_and_events_without_event_lines_are_read_by_their_type()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("event: brand_new_event\ndata: {\"type\":\"brand_new_event\"}\n\n");
        harness.Body.Write("data: {\"type\":\"ping\"}\n\n");
        harness.Body.Write("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

        var events = new List<MessageStreamEvent>();
        await foreach (var e in harness.Client.Messages.StreamAsync(Request()))
        {
            events.Add(e);
        }

        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(PingEvent), typeof(MessageStopEvent) }));
    }

    [Test]
    public async Task Thinking_and_signature_deltas_add_up_to_a_thinking_block()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Paris is "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"in France."}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig=="}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        var message = await harness.Client.Messages.StreamAsync(Request()).ToMessageAsync();

        var thinking = (ThinkingBlock)message.Content.Single();
        Assert.That(thinking.Thinking, Is.EqualTo("Paris is in France."));
        Assert.That(thinking.Signature, Is.EqualTo("sig=="));
    }

    [Test]
    public async Task Tool_input_that_does_not_parse_once_joined_is_a_format_error()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("""
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"n","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        var ex = Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => harness.Client.Messages.StreamAsync(Request()).ToMessageAsync());

        Assert.That(ex!.RawBody, Is.EqualTo("{\"city\":"));
        await Task.CompletedTask;
    }
}
