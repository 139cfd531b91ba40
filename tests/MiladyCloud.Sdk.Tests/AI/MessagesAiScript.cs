using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>Canned <c>/messages</c> answers, in the service's wire format, for the messages IChatClient tests.</summary>
internal static class MessagesAiScript
{
    public const string Model = "claude-sonnet-4-6";

    public const string ToolUseMessage = """
        {"id":"msg_0a1b2c3d4e5f60718293a4b5","type":"message","role":"assistant",
         "content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":2}}],
         "model":"claude-sonnet-4-6","stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":31,"output_tokens":9}}
        """;

    public const string TextMessage = """
        {"id":"msg_1b2c3d4e5f60718293a4b5c6","type":"message","role":"assistant",
         "content":[{"type":"text","text":"Sunny in Paris."}],
         "model":"claude-sonnet-4-6","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":4}}
        """;

    /// <summary>A streamed tool call as the service sends it: the block opens with <c>input: {}</c>, the input follows in three pieces.</summary>
    public static string ToolUseStream() => Events(
        ("message_start", """{"type":"message_start","message":{"id":"msg_2c3d4e5f60718293a4b5c6d7","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":31,"output_tokens":0}}}"""),
        ("ping", """{"type":"ping"}"""),
        ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_9","name":"get_weather","input":{}}}"""),
        ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}"""),
        ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\","}}"""),
        ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"days\":2}"}}"""),
        ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}"""),
        ("message_stop", """{"type":"message_stop"}"""));

    public static string TextStream(params string[] pieces) => Events(
        [
            ("message_start", """{"type":"message_start","message":{"id":"msg_3d4e5f60718293a4b5c6d7e8","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":0}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            .. pieces.Select(piece => ("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{piece}}}"}}""")),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}"""),
            ("message_stop", """{"type":"message_stop"}"""),
        ]);

    /// <summary>First call answers <paramref name="first"/>; any request that already carries a tool result gets <paramref name="second"/>.</summary>
    public static void ToolLoop(FakeApi api, string first, string second, string contentType)
    {
        api.Server.Given(Request.Create().WithPath("/api/v1/messages").UsingPost().WithBody(body => body is not null && body.Contains("\"tool_result\"", StringComparison.Ordinal)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(second));
        api.Server.Given(Request.Create().WithPath("/api/v1/messages").UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(first));
    }

    public static void Answer(FakeApi api, string body, string contentType = "application/json")
        => api.Server.Given(Request.Create().WithPath("/api/v1/messages").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(body));

    private static string Events(params (string Name, string Data)[] events)
        => string.Concat(events.Select(e => $"event: {e.Name}\ndata: {e.Data}\n\n"));
}
