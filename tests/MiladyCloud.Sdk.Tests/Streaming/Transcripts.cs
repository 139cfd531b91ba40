namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>The server's stream transcripts, as it sends them.</summary>
internal static class Transcripts
{
    public const string Chat = """
        data: {"id":"chatcmpl-1714230000123","object":"chat.completion.chunk","created":1714230000,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}

        data: {"id":"chatcmpl-1714230000123","object":"chat.completion.chunk","created":1714230000,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"content":"! How can I help?"},"finish_reason":null}]}

        data: {"id":"chatcmpl-1714230000123","object":"chat.completion.chunk","created":1714230001,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: [DONE]


        """;

    public const string Messages = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_3f9a1c0d2b7e4a5f8c6d1e2f","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":0}}}

        event: ping
        data: {"type":"ping"}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check the weather."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":38}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    public const string MessagesFailure = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":0}}}

        event: ping
        data: {"type":"ping"}

        event: error
        data: {"type":"error","error":{"type":"api_error","message":"provider exploded"}}


        """;

    public static string ChatChunk(string content, int index = 0) =>
        $$"""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":{{index}},"delta":{"content":"{{content}}"},"finish_reason":null}]}""" + "\n\n";
}
