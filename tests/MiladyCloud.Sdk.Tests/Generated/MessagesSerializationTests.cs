using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>Round-trips of the generated Anthropic-style DTOs against the server's literal JSON.</summary>
public class MessagesSerializationTests
{
    private const string MessageJson = """
        {"id":"msg_3f9a1c0d2b7e4a5f8c6d1e2f","type":"message","role":"assistant",
         "content":[{"type":"text","text":"Here is the weather lookup."},{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}],
         "model":"claude-sonnet-4-6","stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":38}}
        """;

    [Test]
    public void A_message_maps_text_and_tool_use_blocks()
    {
        var message = Json.Deserialize(MessageJson, MiladyCloudJsonContext.Default.Message);

        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Is.EqualTo("msg_3f9a1c0d2b7e4a5f8c6d1e2f"));
            Assert.That(((TextBlock)message.Content[0]).Text, Is.EqualTo("Here is the weather lookup."));
            var tool = (ToolUseBlock)message.Content[1];
            Assert.That(tool.Name, Is.EqualTo("get_weather"));
            Assert.That(tool.Input.GetProperty("city").GetString(), Is.EqualTo("Paris"));
            Assert.That(message.StopReason, Is.EqualTo(StopReason.ToolUse));
            Assert.That(message.StopSequence, Is.Null);
            Assert.That(message.Usage.InputTokens, Is.EqualTo(412));
            Assert.That(message.Usage.OutputTokens, Is.EqualTo(38));
        });
    }

    [Test]
    public void Blocks_whose_type_comes_last_still_bind_and_unknown_blocks_do_not_throw()
    {
        const string json = """
            {"id":"m","type":"message","role":"assistant","model":"x","stop_reason":"brand_new_reason","usage":{"input_tokens":1,"output_tokens":2},
             "content":[{"text":"hi","type":"text"},{"data":"abc","type":"server_tool_result"}]}
            """;

        var message = Json.Deserialize(json, MiladyCloudJsonContext.Default.Message);

        Assert.Multiple(() =>
        {
            Assert.That(message.Content[0], Is.TypeOf<TextBlock>());
            Assert.That(message.Content[1].GetType(), Is.EqualTo(typeof(ContentBlock)));
            Assert.That(message.StopReason!.Value.Value, Is.EqualTo("brand_new_reason"));
        });
    }

    [TestCase("""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":0}}}""", typeof(MessageStartEvent))]
    [TestCase("""{"type":"ping"}""", typeof(PingEvent))]
    [TestCase("""{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{}}}""", typeof(ContentBlockStartEvent))]
    [TestCase("""{"index":0,"delta":{"text":"Let me","type":"text_delta"},"type":"content_block_delta"}""", typeof(ContentBlockDeltaEvent))]
    [TestCase("""{"type":"content_block_stop","index":0}""", typeof(ContentBlockStopEvent))]
    [TestCase("""{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":38}}""", typeof(MessageDeltaEvent))]
    [TestCase("""{"type":"message_stop"}""", typeof(MessageStopEvent))]
    [TestCase("""{"type":"error","error":{"type":"api_error","message":"boom"}}""", typeof(ErrorEvent))]
    public void Every_stream_event_binds_to_its_type(string json, Type expected)
    {
        var streamEvent = Json.Deserialize(json, MiladyCloudJsonContext.Default.MessageStreamEvent);

        Assert.That(streamEvent, Is.TypeOf(expected));
    }

    [Test]
    public void Stream_deltas_carry_text_and_partial_json()
    {
        var text = (ContentBlockDeltaEvent)Json.Deserialize("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""", MiladyCloudJsonContext.Default.MessageStreamEvent);
        var partial = (ContentBlockDeltaEvent)Json.Deserialize("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""", MiladyCloudJsonContext.Default.MessageStreamEvent);

        Assert.Multiple(() =>
        {
            Assert.That(((TextDelta)text.Delta).Text, Is.EqualTo("Hi"));
            Assert.That(partial.Index, Is.EqualTo(1));
            Assert.That(((InputJsonDelta)partial.Delta).PartialJson, Is.EqualTo("{\"city\":"));
        });
    }

    [Test]
    public void A_request_writes_system_and_content_in_both_union_forms()
    {
        var request = new MessageRequest
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 1024,
            System = SystemPrompt.FromItems(new TextBlock { Text = "Be terse." }),
            Messages =
            [
                new MessageParam { Role = MessageRole.User, Content = "What's the weather in Paris?" },
                new MessageParam
                {
                    Role = MessageRole.Assistant,
                    Content = MessageContent.FromItems(new ToolUseBlock { Id = "toolu_01A", Name = "get_weather", Input = JsonDocument.Parse("""{"city":"Paris"}""").RootElement }),
                },
                new MessageParam
                {
                    Role = MessageRole.User,
                    Content = MessageContent.FromItems(new ToolResultBlock { ToolUseId = "toolu_01A", Content = "18°C" }),
                },
            ],
        };

        var json = JsonSerializer.Serialize(request, MiladyCloudJsonContext.Default.MessageRequest);

        Assert.That(json, Is.EqualTo(
            """{"model":"claude-sonnet-4-6","max_tokens":1024,"messages":[{"role":"user","content":"What\u0027s the weather in Paris?"},""" +
            """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"18\u00B0C"}]}],""" +
            "\"system\":[{\"type\":\"text\",\"text\":\"Be terse.\"}]}"));
    }
}
