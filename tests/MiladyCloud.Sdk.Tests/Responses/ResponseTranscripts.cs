namespace MiladyCloud.Sdk.Tests.Responses;

/// <summary>Response streams as the service sends them on each of its paths.</summary>
internal static class ResponseTranscripts
{
    /// <summary>The translation path: data-only events, no content part or tool call events, usage on the last event.</summary>
    public const string Translated =
        "data: {\"type\":\"response.created\",\"response\":{\"id\":\"gen-01\",\"object\":\"response\",\"created_at\":1714230000,\"model\":\"anthropic/claude-sonnet-4.6\",\"status\":\"in_progress\",\"incomplete_details\":null,\"output\":[],\"usage\":null,\"error\":null}}\n\n" +
        "data: {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_1714230000123\",\"role\":\"assistant\",\"content\":[],\"status\":\"in_progress\"}}\n\n" +
        "data: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1714230000123\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hello\"}\n\n" +
        "data: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1714230000123\",\"output_index\":0,\"content_index\":0,\"delta\":\" there\"}\n\n" +
        "data: {\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_1714230000123\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hello there\",\"annotations\":[]}],\"status\":\"completed\"}}\n\n" +
        Completed;

    public const string Completed =
        "data: {\"type\":\"response.completed\",\"response\":{\"id\":\"gen-01\",\"object\":\"response\",\"created_at\":1714230000,\"model\":\"anthropic/claude-sonnet-4.6\",\"status\":\"completed\",\"incomplete_details\":null,\"output\":[{\"type\":\"message\",\"id\":\"msg_1714230000123\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hello there\",\"annotations\":[]}],\"status\":\"completed\"}],\"usage\":{\"input_tokens\":12,\"output_tokens\":3,\"total_tokens\":15},\"error\":null}}\n\n";

    /// <summary>The native path: the provider's events with event lines and sequence numbers, every typed kind once at least.</summary>
    public static string Native(string terminal = "response.completed") =>
        Event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + Shell("in_progress") + "}") +
        Event("response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + Shell("in_progress") + "}") +
        Event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}}") +
        Event("response.reasoning_summary_part.added", "{\"type\":\"response.reasoning_summary_part.added\",\"sequence_number\":3,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}}") +
        Event("response.reasoning_summary_text.delta", "{\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":4,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Thinking\"}") +
        Event("response.reasoning_summary_text.done", "{\"type\":\"response.reasoning_summary_text.done\",\"sequence_number\":5,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"text\":\"Thinking.\"}") +
        Event("response.reasoning_summary_part.done", "{\"type\":\"response.reasoning_summary_part.done\",\"sequence_number\":6,\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"Thinking.\"}}") +
        Event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":7,\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Thinking.\"}]}}") +
        Event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":8,\"output_index\":1,\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[],\"status\":\"in_progress\"}}") +
        Event("response.content_part.added", "{\"type\":\"response.content_part.added\",\"sequence_number\":9,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}") +
        Event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":10,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Sunny\"}") +
        Event("response.output_text.annotation.added", "{\"type\":\"response.output_text.annotation.added\",\"sequence_number\":11,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"annotation_index\":0,\"annotation\":{\"type\":\"url_citation\",\"url\":\"https://weather.example\"}}") +
        Event("response.output_text.done", "{\"type\":\"response.output_text.done\",\"sequence_number\":12,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"text\":\"Sunny.\"}") +
        Event("response.content_part.done", "{\"type\":\"response.content_part.done\",\"sequence_number\":13,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"Sunny.\",\"annotations\":[]}}") +
        Event("response.content_part.added", "{\"type\":\"response.content_part.added\",\"sequence_number\":14,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":1,\"part\":{\"type\":\"refusal\",\"refusal\":\"\"}}") +
        Event("response.refusal.delta", "{\"type\":\"response.refusal.delta\",\"sequence_number\":15,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":1,\"delta\":\"No \"}") +
        Event("response.refusal.done", "{\"type\":\"response.refusal.done\",\"sequence_number\":16,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":1,\"refusal\":\"No secrets.\"}") +
        Event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":17,\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"\",\"status\":\"in_progress\"}}") +
        Event("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":18,\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"{\\\"city\\\":\"}") +
        Event("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":19,\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"\\\"Paris\\\"}\"}") +
        Event("response.function_call_arguments.done", "{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":20,\"item_id\":\"fc_1\",\"output_index\":2,\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}") +
        Event(terminal, "{\"type\":\"" + terminal + "\",\"sequence_number\":21,\"response\":" + Shell(terminal == "response.failed" ? "failed" : terminal == "response.incomplete" ? "incomplete" : "completed", usage: true) + "}");

    /// <summary>A response object whose output is empty, so the accumulator has to build it from the events.</summary>
    public static string Shell(string status, bool usage = false) =>
        "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1714230000,\"model\":\"openai/gpt-5.4\",\"status\":\"" + status + "\",\"output\":[]," +
        (usage ? "\"usage\":{\"input_tokens\":20,\"input_tokens_details\":{\"cached_tokens\":4},\"output_tokens\":9,\"output_tokens_details\":{\"reasoning_tokens\":2},\"total_tokens\":29}," : "\"usage\":null,") +
        (status == "failed" ? "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed\"}" : "\"error\":null") +
        (status == "incomplete" ? ",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}" : string.Empty) + "}";

    public static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";
}
