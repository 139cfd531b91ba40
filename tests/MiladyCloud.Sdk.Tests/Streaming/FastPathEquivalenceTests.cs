using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>
/// The hand-written readers of the hot stream events against the generated serializer: for every event of a corpus
/// the decoder's result re-serializes to exactly what the general deserializer gives, the fast path is taken only
/// for the shapes it knows, and everything unusual still reaches the general path (extension data included).
/// </summary>
public class FastPathEquivalenceTests
{
    private const string Head = "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion.chunk\",\"created\":1714230000,\"model\":\"openai/gpt-5.4\"";

    private static readonly (string Name, string Json, bool Fast)[] ChatCorpus =
    [
        ("content", Head + ""","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""", true),
        ("escaped content", Head + ""","choices":[{"index":0,"delta":{"content":"caf\u00e9 \"quoted\"\n\ttab \\ \ud83d\ude00"},"finish_reason":null}]}""", true),
        ("raw UTF-8 content", Head + ""","choices":[{"index":0,"delta":{"content":" naïve café 😀"},"finish_reason":null}]}""", true),
        ("empty content", Head + ""","choices":[{"index":0,"delta":{"content":""},"finish_reason":null}]}""", true),
        ("role and null content", Head + ""","choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}""", true),
        ("unknown role", Head + ""","choices":[{"index":0,"delta":{"role":"critic","content":"x"},"finish_reason":null}]}""", true),
        ("final chunk", Head + ""","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", true),
        ("other finish reason", Head + ""","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}""", true),
        ("no finish reason member", Head + ""","choices":[{"index":0,"delta":{"content":"a"}}]}""", true),
        ("two choices", Head + ""","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null},{"index":1,"delta":{"content":"b"},"finish_reason":"length"}]}""", true),
        ("no choices", Head + ""","choices":[]}""", true),
        ("tool call start", Head + ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""", true),
        ("tool call arguments", Head + ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Par"}}]},"finish_reason":null}]}""", true),
        ("two tool calls", Head + ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}},{"index":1,"id":"call_2","type":"function","function":{"name":"f","arguments":null}}]},"finish_reason":null}]}""", true),
        ("null tool calls and function", Head + ""","choices":[{"index":0,"delta":{"tool_calls":null,"content":"x"},"finish_reason":null}]}""", true),
        ("tool call with null function", Head + ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":null}]},"finish_reason":"tool_calls"}]}""", true),
        ("refusal", Head + ""","choices":[{"index":0,"delta":{"refusal":"I can't help with that."},"finish_reason":null}]}""", true),
        ("null usage", Head + ""","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}],"usage":null}""", true),
        ("members in another order", """{"choices":[{"finish_reason":null,"delta":{"content":"a"},"index":0}],"model":"m","created":1,"object":"chat.completion.chunk","id":"c"}""", true),
        ("escaped id", """{"id":"chatcmpl-\u0031","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}""", true),
        ("whitespace", "{ \"id\" : \"c\" ,\n \"object\":\"chat.completion.chunk\", \"created\":1, \"model\":\"m\", \"choices\" : [ ] }", true),
        ("usage chunk", Head + ""","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}""", true),
        ("usage chunk with details", Head + ""","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0}}}""", true),
        ("unknown top-level member", Head + ""","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}""", true),
        ("unknown choice member", Head + ""","choices":[{"index":0,"delta":{"content":"a"},"logprobs":null,"finish_reason":null}]}""", true),
        ("unknown delta member", Head + ""","choices":[{"index":0,"delta":{"content":"a","reasoning_content":"hmm"},"finish_reason":null}]}""", true),
        ("unknown tool call member", Head + ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}","extra":1}}]},"finish_reason":null}]}""", true),
        ("unknown members everywhere", """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","service_tier":"default","choices":[{"index":0,"delta":{"role":"assistant","content":"x","audio":{"id":"a","data":[1,2,{"k":null}]},"tool_calls":[{"index":0,"id":"call_1","type":"function","x":true,"function":{"name":"f","arguments":"{}","strict":false}}]},"logprobs":{"content":[]},"stop_reason":null,"finish_reason":null}],"usage":null,"obfuscation":"Xk3"}""", true),
        ("escaped unknown member name", """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"x\u0041":1}""", false),
        ("escaped known member name", """{"\u0069d":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}""", false),
        ("repeated unknown member", """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"x":1,"x":2}""", true),
        ("pretty-printed", "{\n  \"id\": \"c\",\n  \"object\": \"chat.completion.chunk\",\n  \"created\": 1,\n  \"model\": \"m\",\n  \"system_fingerprint\": null,\n  \"choices\": [\n    {\n      \"index\": 0,\n      \"delta\": {\n        \"content\": \"a\"\n      },\n      \"finish_reason\": null\n    }\n  ]\n}", true),
        ("large created", """{"id":"c","object":"chat.completion.chunk","created":17142300001234,"model":"m","choices":[]}""", true),
    ];

    private static readonly (string Name, string Json, bool Fast)[] MessagesCorpus =
    [
        ("text delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}""", true),
        ("escaped text", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"caf\u00e9 \"q\"\n \ud83d\ude00"}}""", true),
        ("empty text", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""}}""", true),
        ("input json delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""", true),
        ("members in another order", """{"delta":{"text":"x","type":"text_delta"},"index":3,"type":"content_block_delta"}""", true),
        ("unknown delta kind", """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"cited_text":"x"}}}""", false),
        ("thinking delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}""", false),
        ("unknown event member", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"},"trace":"t1"}""", true),
        ("unknown delta member", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x","cache":true}}""", true),
        ("text delta carrying partial json too", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x","partial_json":"y"}}""", false),
        ("null text", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":null}}""", false),
        ("delta without type", """{"type":"content_block_delta","index":0,"delta":{"text":"x"}}""", false),
        ("other event", """{"type":"content_block_stop","index":0}""", false),
    ];

    private static IEnumerable<TestCaseData> ChatCases() => ChatCorpus.Select(c => new TestCaseData(c.Json, c.Fast).SetName("Chat chunk: " + c.Name));

    private static IEnumerable<TestCaseData> MessagesCases() => MessagesCorpus.Select(c => new TestCaseData(c.Json, c.Fast).SetName("Messages event: " + c.Name));

    [TestCaseSource(nameof(ChatCases))]
    public void A_chat_chunk_decodes_exactly_as_the_generated_serializer_reads_it(string json, bool fast)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(new ChatChunkReader().TryRead(bytes, out var fastChunk), Is.EqualTo(fast), "fast path taken");

        var frame = new ChatChunkDecoder(null).Decode("message", bytes);
        var expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.ChatCompletionChunk)!;
        Assert.That(frame.Kind, Is.EqualTo(StreamFrameKind.Item));
        Assert.That(Serialize(frame.Value!), Is.EqualTo(Serialize(expected)));
        Assert.That(frame.Value!.AdditionalProperties.Keys, Is.EquivalentTo(expected.AdditionalProperties.Keys));
        if (fast)
        {
            AssertSameChunk(fastChunk!, expected);
        }
    }

    [TestCaseSource(nameof(MessagesCases))]
    public void A_messages_event_decodes_exactly_as_the_generated_serializer_reads_it(string json, bool fast)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(ContentBlockDeltaReader.TryRead(bytes, out _), Is.EqualTo(fast), "fast path taken");

        var expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.MessageStreamEvent)!;
        foreach (var eventType in new[] { expected.Type!, "message" })
        {
            var frame = new MessageEventDecoder(null).Decode(eventType, bytes);
            Assert.That(frame.Kind, Is.EqualTo(StreamFrameKind.Item), eventType);
            Assert.That(frame.Value!.GetType(), Is.EqualTo(expected.GetType()));
            Assert.That(Serialize(frame.Value), Is.EqualTo(Serialize(expected)));
            if (frame.Value is ContentBlockDeltaEvent actualDelta && expected is ContentBlockDeltaEvent expectedDelta)
            {
                Assert.That(actualDelta.Index, Is.EqualTo(expectedDelta.Index));
                Assert.That(actualDelta.Delta.GetType(), Is.EqualTo(expectedDelta.Delta.GetType()));
                Assert.That(actualDelta.Delta.AdditionalProperties.Keys, Is.EquivalentTo(expectedDelta.Delta.AdditionalProperties.Keys));
                Assert.That(actualDelta.AdditionalProperties.Keys, Is.EquivalentTo(expectedDelta.AdditionalProperties.Keys));
            }
        }
    }

    [Test]
    public void Repeated_id_object_and_model_are_the_previous_chunks_strings_and_a_change_is_read_afresh()
    {
        var reader = new ChatChunkReader();
        var first = Read(reader, Head + ""","choices":[]}""");
        var second = Read(reader, Head + ""","choices":[]}""");
        var changed = Read(reader, """{"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,"model":"openai/gpt-5.4-mini","choices":[]}""");

        Assert.That(second.Id, Is.SameAs(first.Id));
        Assert.That(second.Object, Is.SameAs(first.Object));
        Assert.That(second.Model, Is.SameAs(first.Model));
        Assert.That(changed.Id, Is.EqualTo("chatcmpl-2"));
        Assert.That(changed.Model, Is.EqualTo("openai/gpt-5.4-mini"));
        Assert.That(changed.Object, Is.SameAs(first.Object));
    }

    [TestCase("""{"error":{"message":"Upstream failed","type":"api_error"}}""")]
    [TestCase("""{"error":{"message":"Out of credits","type":"insufficient_credits","code":"insufficient_credits"}}""")]
    public void An_error_frame_is_still_a_failure(string json)
    {
        var frame = new ChatChunkDecoder(null).Decode("message", Encoding.UTF8.GetBytes(json));

        Assert.That(frame.Kind, Is.EqualTo(StreamFrameKind.Error));
        Assert.That(frame.Error, Is.InstanceOf<MiladyCloudApiException>());
    }

    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1,"choices":[]}""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":9,"total_tokens":21}}""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1.5,"model":"m","choices":[]}""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":"1","model":"m","choices":[]}""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":5}}]}""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]} trailing""")]
    [TestCase("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[""")]
    public void A_malformed_chat_chunk_is_the_general_paths_format_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.That(new ChatChunkReader().TryRead(bytes, out _), Is.False);
        Assert.Throws<MiladyCloudResponseFormatException>(() => new ChatChunkDecoder(null).Decode("message", bytes));
    }

    [TestCase("""{"type":"content_block_delta","index":"0","delta":{"type":"text_delta","text":"x"}}""")]
    [TestCase("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}""")]
    public void A_malformed_messages_event_is_the_general_paths_format_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.That(ContentBlockDeltaReader.TryRead(bytes, out _), Is.False);
        Assert.Throws<MiladyCloudResponseFormatException>(() => new MessageEventDecoder(null).Decode("content_block_delta", bytes));
    }

    private static ChatCompletionChunk Read(ChatChunkReader reader, string json)
    {
        Assert.That(reader.TryRead(Encoding.UTF8.GetBytes(json), out var chunk), Is.True);
        return chunk!;
    }

    private static void AssertSameChunk(ChatCompletionChunk actual, ChatCompletionChunk expected)
    {
        Assert.That(actual.Id, Is.EqualTo(expected.Id));
        Assert.That(actual.Object, Is.EqualTo(expected.Object));
        Assert.That(actual.Created, Is.EqualTo(expected.Created));
        Assert.That(actual.Model, Is.EqualTo(expected.Model));
        Assert.That(actual.Usage?.TotalTokens, Is.EqualTo(expected.Usage?.TotalTokens));
        Assert.That(actual.Choices, Has.Count.EqualTo(expected.Choices.Count));
        for (var i = 0; i < expected.Choices.Count; i++)
        {
            var (a, e) = (actual.Choices[i], expected.Choices[i]);
            Assert.That(a.Index, Is.EqualTo(e.Index));
            Assert.That(a.FinishReason, Is.EqualTo(e.FinishReason));
            Assert.That(a.Delta.Role, Is.EqualTo(e.Delta.Role));
            Assert.That(a.Delta.Content, Is.EqualTo(e.Delta.Content));
            Assert.That(a.Delta.Refusal, Is.EqualTo(e.Delta.Refusal));
            Assert.That(a.Delta.ToolCalls?.Count, Is.EqualTo(e.Delta.ToolCalls?.Count));
            for (var t = 0; t < (e.Delta.ToolCalls?.Count ?? 0); t++)
            {
                var (ac, ec) = (a.Delta.ToolCalls![t], e.Delta.ToolCalls![t]);
                Assert.That((ac.Index, ac.Id, ac.Type, ac.Function?.Name, ac.Function?.Arguments), Is.EqualTo((ec.Index, ec.Id, ec.Type, ec.Function?.Name, ec.Function?.Arguments)));
            }
        }
    }

    private static string Serialize(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, MiladyCloudJsonContext.Default.ChatCompletionChunk);

    private static string Serialize(MessageStreamEvent streamEvent) => JsonSerializer.Serialize(streamEvent, MiladyCloudJsonContext.Default.MessageStreamEvent);
}
