using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>Canned chat completion answers for the Microsoft.Extensions.AI adapter tests.</summary>
internal static class AiScript
{
    public const string Model = "openai/gpt-5.4";

    public const string ToolCallCompletion = """
        {"id":"chatcmpl-7","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
           {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":2}"}}]},
          "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":31,"completion_tokens":9,"total_tokens":40}}
        """;

    public const string TextCompletion = """
        {"id":"chatcmpl-8","object":"chat.completion","created":1714230005,"model":"openai/gpt-5.4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Sunny in Paris."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":50,"completion_tokens":4,"total_tokens":54}}
        """;

    /// <summary>A streamed tool call: id and name first, the arguments split over three chunks.</summary>
    public static string ToolCallStream() => Sse(
        """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1714230010,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1714230010,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1714230010,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\","}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1714230010,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"days\":2}"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1714230010,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":31,"completion_tokens":9,"total_tokens":40}}""");

    public static string TextStream(params string[] pieces) => Sse(
        pieces.Select(piece => $$"""{"id":"chatcmpl-10","object":"chat.completion.chunk","created":1714230020,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"content":"{{piece}}"},"finish_reason":null}]}""")
            .Append("""{"id":"chatcmpl-10","object":"chat.completion.chunk","created":1714230020,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""")
            .ToArray());

    /// <summary>First call answers <paramref name="first"/>; any request that already carries a tool result gets <paramref name="second"/>.</summary>
    public static void ToolLoop(FakeApi api, string first, string second, string contentType)
    {
        api.Server.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost().WithBody(body => body is not null && body.Contains("\"role\":\"tool\"", StringComparison.Ordinal)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(second));
        api.Server.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(first));
    }

    public static void Answer(FakeApi api, string body, string contentType = "application/json")
        => api.Server.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(body));

    private static string Sse(params string[] data) => string.Concat(data.Select(d => $"data: {d}\n\n")) + "data: [DONE]\n\n";
}
