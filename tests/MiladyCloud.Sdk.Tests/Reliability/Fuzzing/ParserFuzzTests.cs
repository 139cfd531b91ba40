using System.Net;
using System.Text;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Streaming;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// Mutated real payloads through the SSE reader, the error-envelope parser and DTO deserialization. The only
/// outcomes allowed: a result, or a <see cref="MiladyCloudException"/> subtype; never another exception type, a
/// hang, or a key in a message. Long run: see docs/reliability.md.
/// </summary>
[Category("Fuzz")]
public class ParserFuzzTests
{
    private const string MessageJson = """{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"18 degrees."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],"model":"claude-sonnet-4-6","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":4}}""";
    private const string EmbeddingJson = """{"object":"list","data":[{"object":"embedding","embedding":[0.0023,-0.0145,0.0312],"index":0}],"model":"openai/text-embedding-3-small","usage":{"prompt_tokens":10,"total_tokens":10}}""";
    private const string EmbeddingBase64Json = """{"object":"list","data":[{"object":"embedding","embedding":"AACAPwAAAEA=","index":0}],"model":"m"}""";

    private static readonly string[] ChatStreams =
    [
        Transcripts.Chat,
        ChatChunk("a") + """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":"{\"x\":"}}]},"finish_reason":null}]}""" + "\n\n" + Done,
        ChatChunk("partial") + """data: {"error":{"message":"provider failed","type":"api_error"}}""" + "\n\n",
    ];

    private static readonly string[] MessageStreams = [Transcripts.Messages, Transcripts.MessagesFailure];

    private static readonly string[] ErrorBodies =
    [
        """{"error":{"code":"INVALID_REQUEST","message":"model is required","details":{"field":"model"},"requestId":"req_1"}}""",
        """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded.","retryAfter":60}""",
        """{"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"invalid_api_key","param":null}}""",
        """{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.0123"}}""",
        """{"error":"Insufficient balance","required":0.5,"balance":0.01}""",
        """{"success":false,"error":"Invalid or expired API key: KEY"}""".Replace("KEY", FakeApi.ApiKey, StringComparison.Ordinal),
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "",
    ];

    private static readonly int[] ErrorStatuses = [400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503, 504];

    [Test]
    public async Task Chat_streams_yield_chunks_or_an_sdk_error()
    {
        using var client = InMemoryClient("text/event-stream");

        await FuzzRunner.RunAsync(Mutations.Of(ChatStreams), payload => ResultOrSdkErrorAsync(payload, () => client.Chat.StreamAsync(ChatRequest()).ToCompletionAsync()), ciIterations: 1500);
    }

    [Test]
    public async Task Messages_streams_yield_events_or_an_sdk_error()
    {
        using var client = InMemoryClient("text/event-stream");

        await FuzzRunner.RunAsync(Mutations.Of(MessageStreams), payload => ResultOrSdkErrorAsync(payload, () => client.Messages.StreamAsync("claude-sonnet-4-6", "Hi").ToMessageAsync()), ciIterations: 1500);
    }

    [Test]
    public async Task Error_envelopes_always_become_a_typed_api_exception_without_the_key()
    {
        await FuzzRunner.RunAsync(Mutations.Of(ErrorBodies), payload =>
        {
            var status = (HttpStatusCode)ErrorStatuses[(payload.Length + (payload.Length > 0 ? payload[0] : 0)) % ErrorStatuses.Length];
            var exception = ErrorResponseReader.Create(status, Encoding.UTF8.GetString(payload), secrets: new SecretScrubber(FakeApi.ApiKey));
            Assert.That(exception, Is.InstanceOf<MiladyCloudApiException>());
            // Ordinal: a culture-aware search would find the key across control characters a mutation put inside it.
            Assert.That((exception.Message + exception.RawBody + exception.ServerMessage).Contains(FakeApi.ApiKey, StringComparison.Ordinal), Is.False);
            Assert.That(ErrorResponseReader.IsSuccessFalse(Encoding.UTF8.GetString(payload)), Is.True.Or.False);
            return Task.CompletedTask;
        }, ciIterations: 3000);
    }

    [Test]
    public async Task Error_responses_through_the_pipeline_become_a_typed_api_exception()
    {
        using var client = InMemoryClient("application/json", HttpStatusCode.BadGateway);

        await FuzzRunner.RunAsync(Mutations.Of(ErrorBodies), async payload =>
        {
            PayloadHandler.Use(payload);
            Assert.That(async () => await client.Models.ListAsync(useCache: false), Throws.InstanceOf<MiladyCloudApiException>());
            await Task.CompletedTask;
        }, ciIterations: 800);
    }

    [Test]
    public async Task Json_responses_deserialize_or_are_an_sdk_error()
    {
        using var client = InMemoryClient("application/json");
        var calls = new Func<Task>[]
        {
            () => client.Chat.CreateAsync(ChatRequest()),
            () => client.Messages.CreateAsync("claude-sonnet-4-6", "Hi"),
            () => client.Models.ListAsync(useCache: false),
            () => client.Embeddings.CreateAsync("openai/text-embedding-3-small", "Hi"),
        };
        string[] payloads = [Completion, MessageJson, ModelList, EmbeddingJson, EmbeddingBase64Json];

        await FuzzRunner.RunAsync(Mutations.Of(payloads), async payload =>
        {
            foreach (var call in calls)
            {
                await ResultOrSdkErrorAsync(payload, call);
            }
        }, ciIterations: 1200);
    }

    private static MiladyCloudClient InMemoryClient(string mediaType, HttpStatusCode status = HttpStatusCode.OK)
        => new(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, MaxRetries = 0, HoldWhenRateLimitExhausted = false }, new PayloadHandler(mediaType, status));

    private static async Task ResultOrSdkErrorAsync(byte[] payload, Func<Task> call)
    {
        PayloadHandler.Use(payload);
        try
        {
            await call();
        }
        catch (MiladyCloudException ex)
        {
            Assert.That(ex.Message.Contains(FakeApi.ApiKey, StringComparison.Ordinal), Is.False);
        }
    }
}
