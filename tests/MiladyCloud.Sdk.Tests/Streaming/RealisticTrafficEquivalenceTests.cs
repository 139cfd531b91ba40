using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiladyCloud.Sdk.Benchmarks.Infrastructure;
using MiladyCloud.Sdk.Internal.Json;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>
/// The hand-written readers against the generated serializer on the benchmarks' realistic traffic (every family of
/// <see cref="Corpus"/>): every event and answer is read on the fast path and gives the same objects, unknown members
/// included. Then the families are fuzzed (seeded: reordered members, whitespace, escapes, added, removed and retyped
/// members, truncated and corrupted bytes): the fast path either gives what the general path gives or steps aside,
/// and never throws.
/// </summary>
public class RealisticTrafficEquivalenceTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private static readonly string[] UnknownNames = ["system_fingerprint", "service_tier", "obfuscation", "logprobs", "x_extra", "stop_reason", "annotations", "ünïcode", "usage", "refusal"];

    private static IEnumerable<string> ChatFamilies => Corpus.ChatStreamFamilies;

    private static IEnumerable<string> MessagesFamilies => Corpus.MessagesStreamFamilies;

    private static IEnumerable<string> CompletionFamilies => Corpus.CompletionFamilies;

    [TestCaseSource(nameof(ChatFamilies))]
    public void Every_chunk_of_a_chat_family_is_read_on_the_fast_path_as_the_general_path_reads_it(string family)
    {
        var reader = new ChatChunkReader();
        var decoder = new ChatChunkDecoder(null);
        foreach (var json in Corpus.ChatStreamEvents(family))
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            Assert.That(reader.TryRead(bytes, out var fast), Is.True, json);
            var expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.ChatCompletionChunk)!;
            var decoded = decoder.Decode("message", bytes).Value!;
            AssertSame(fast!, expected, json);
            AssertSame(decoded, expected, json);
        }
    }

    [TestCaseSource(nameof(MessagesFamilies))]
    public void Every_delta_of_a_messages_family_is_read_on_the_fast_path_as_the_general_path_reads_it(string family)
    {
        var decoder = new MessageEventDecoder(null);
        foreach (var (name, json) in Corpus.MessagesStreamEvents(family))
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.MessageStreamEvent)!;
            if (name == "content_block_delta")
            {
                Assert.That(ContentBlockDeltaReader.TryRead(bytes, out _), Is.True, json);
            }

            var decoded = decoder.Decode(name, bytes).Value!;
            Assert.That(Serialize(decoded), Is.EqualTo(Serialize(expected)), json);
        }
    }

    [TestCaseSource(nameof(CompletionFamilies))]
    public void A_completion_of_every_family_is_read_on_the_fast_path_as_the_general_path_reads_it(string family)
    {
        var bytes = Encoding.UTF8.GetBytes(Corpus.Completion(family));

        Assert.That(ChatCompletionReader.TryRead(bytes, out var fast), Is.True);
        var expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.ChatCompletion)!;
        AssertSame(fast!, expected);
    }

    [Test]
    public void Unknown_members_are_kept_raw_until_asked_for_then_behave_as_the_general_paths_dictionary()
    {
        var json = Corpus.ChatStreamEvents("OpenAI")[5];
        var reader = new ChatChunkReader();
        Assert.That(reader.TryRead(Encoding.UTF8.GetBytes(json), out var chunk), Is.True);
        var members = (UnknownMembers)chunk!.AdditionalProperties;
        Assert.That(members.IsMaterialized, Is.False);

        Assert.That(members.Keys, Is.EqualTo(new[] { "service_tier", "system_fingerprint", "obfuscation" }));
        Assert.That(members["service_tier"].GetString(), Is.EqualTo("default"));
        Assert.That(chunk.Choices[0].AdditionalProperties["logprobs"].ValueKind, Is.EqualTo(JsonValueKind.Null));
        members["added"] = JsonDocument.Parse("1").RootElement;
        Assert.That(members.Remove("obfuscation"), Is.True);
        Assert.That(JsonSerializer.Serialize(chunk, MiladyCloudJsonContext.Default.ChatCompletionChunk), Does.EndWith("\"service_tier\":\"default\",\"system_fingerprint\":\"fp_a1b2c3d4e5\",\"added\":1}"));
    }

    [Test]
    public void Repeated_unknown_members_of_a_stream_share_one_copy_and_a_change_made_to_one_chunk_stays_in_it()
    {
        var reader = new ChatChunkReader();
        var events = Corpus.ChatStreamEvents("PythonStyle");
        Assert.That(reader.TryRead(Encoding.UTF8.GetBytes(events[1]), out var first), Is.True);
        Assert.That(reader.TryRead(Encoding.UTF8.GetBytes(events[2]), out var second), Is.True);

        first!.Choices[0].AdditionalProperties.Remove("stop_reason");

        Assert.That(first.Choices[0].AdditionalProperties.Keys, Is.EqualTo(new[] { "logprobs" }));
        Assert.That(second!.Choices[0].AdditionalProperties.Keys, Is.EqualTo(new[] { "logprobs", "stop_reason" }));
    }

    [TestCaseSource(nameof(ChatFamilies))]
    public void Fuzzed_chat_chunks_are_read_as_the_general_path_reads_them_or_left_to_it(string family)
    {
        var random = new Random(7100 + family.Length);
        var events = Corpus.ChatStreamEvents(family);
        var reader = new ChatChunkReader();
        var decoder = new ChatChunkDecoder(null);
        var fastCount = 0;
        for (var i = 0; i < 1500; i++)
        {
            var bytes = Mutate(events[random.Next(events.Count)], random);
            var json = Encoding.UTF8.GetString(bytes);
            ChatCompletionChunk? fast = null;
            var taken = false;
            Assert.DoesNotThrow(() => taken = reader.TryRead(bytes, out fast), json);
            if (taken)
            {
                fastCount++;
                ChatCompletionChunk? expected = null;
                Assert.DoesNotThrow(() => expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.ChatCompletionChunk), "fast path read what the general path refuses: " + json);
                AssertSame(fast!, expected!, json);
            }

            AssertCleanDecode(() => decoder.Decode("message", bytes), json);
        }

        Assert.That(fastCount, Is.GreaterThan(300), "the fuzzed inputs mostly stay readable");
    }

    [TestCaseSource(nameof(MessagesFamilies))]
    public void Fuzzed_messages_deltas_are_read_as_the_general_path_reads_them_or_left_to_it(string family)
    {
        var random = new Random(7200 + family.Length);
        var events = Corpus.MessagesStreamEvents(family).Where(e => e.Name == "content_block_delta").Select(e => e.Data).ToList();
        var decoder = new MessageEventDecoder(null);
        var store = new UnknownMemberStore(remember: true);
        for (var i = 0; i < 1000; i++)
        {
            var bytes = Mutate(events[random.Next(events.Count)], random);
            var json = Encoding.UTF8.GetString(bytes);
            ContentBlockDeltaEvent? fast = null;
            var taken = false;
            Assert.DoesNotThrow(() => taken = ContentBlockDeltaReader.TryRead(bytes, store, out fast), json);
            if (taken)
            {
                MessageStreamEvent? expected = null;
                Assert.DoesNotThrow(() => expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.MessageStreamEvent), "fast path read what the general path refuses: " + json);
                Assert.That(expected, Is.InstanceOf<ContentBlockDeltaEvent>(), json);
                Assert.That(Serialize(fast!), Is.EqualTo(Serialize(expected!)), json);
                Assert.That(((ContentBlockDeltaEvent)expected!).Delta.GetType(), Is.EqualTo(fast!.Delta.GetType()), json);
            }

            AssertCleanDecode(() => decoder.Decode("content_block_delta", bytes), json);
        }
    }

    [TestCaseSource(nameof(CompletionFamilies))]
    public void Fuzzed_completions_are_read_as_the_general_path_reads_them_or_left_to_it(string family)
    {
        var random = new Random(7300 + family.Length);
        var source = Corpus.Completion(family);
        var fastCount = 0;
        for (var i = 0; i < 600; i++)
        {
            var bytes = Mutate(source, random);
            var json = Encoding.UTF8.GetString(bytes);
            ChatCompletion? fast = null;
            var taken = false;
            Assert.DoesNotThrow(() => taken = ChatCompletionReader.TryRead(bytes, out fast), json);
            if (taken)
            {
                fastCount++;
                ChatCompletion? expected = null;
                Assert.DoesNotThrow(() => expected = JsonSerializer.Deserialize(bytes, MiladyCloudJsonContext.Default.ChatCompletion), "fast path read what the general path refuses: " + json);
                AssertSame(fast!, expected!, json);
            }
        }

        Assert.That(fastCount, Is.GreaterThan(100), "the fuzzed inputs mostly stay readable");
    }

    private static void AssertCleanDecode<T>(Func<StreamFrame<T>> decode, string json)
    {
        try
        {
            decode();
        }
        catch (MiladyCloudResponseFormatException)
        {
            // The general path's format error: a clean refusal.
        }
        catch (Exception ex)
        {
            Assert.Fail($"A foreign exception ({ex.GetType().Name}: {ex.Message}) for {json}");
        }
    }

    /// <summary>One to three mutations of a JSON text; a tenth of the time a byte-level one (truncation or a changed byte).</summary>
    private static byte[] Mutate(string json, Random random)
    {
        if (random.Next(10) == 0)
        {
            var raw = Encoding.UTF8.GetBytes(json);
            if (random.Next(2) == 0)
            {
                return raw[..random.Next(raw.Length)];
            }

            const string Bytes = "{}[]\":,0a \\n-";
            raw[random.Next(raw.Length)] = (byte)Bytes[random.Next(Bytes.Length)];
            return raw;
        }

        var node = JsonNode.Parse(json)!;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            node = MutateNode(node, random, depth: 0);
        }

        var options = random.Next(3) switch
        {
            0 => Compact,
            1 => Escaped,
            _ => Indented,
        };
        var text = node?.ToJsonString(options) ?? "null";
        if (random.Next(8) == 0)
        {
            // An escaped member name: a known name written with escapes means that member to the general path.
            var names = new[] { "\"index\"", "\"content\"", "\"id\"", "\"x_extra\"", "\"usage\"" };
            var name = names[random.Next(names.Length)];
            var at = text.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..(at + 1)] + "\\u" + ((int)name[1]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + text[(at + 2)..];
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static JsonNode? MutateNode(JsonNode? node, Random random, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) > 0:
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                obj[key] = MutateNode(obj[key]?.DeepClone(), random, depth + 1);
                return obj;
            case JsonObject obj:
                return MutateObject(obj, random);
            case JsonArray array when array.Count > 0 && random.Next(4) > 0:
                var i = random.Next(array.Count);
                array[i] = MutateNode(array[i]?.DeepClone(), random, depth + 1);
                return array;
            default:
                return random.Next(3) == 0 ? RandomValue(random, depth) : node;
        }
    }

    private static JsonObject MutateObject(JsonObject obj, Random random)
    {
        var members = obj.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        switch (random.Next(4))
        {
            case 0:
                members = members.OrderBy(_ => random.Next()).ToList();
                break;
            case 1:
                var name = UnknownNames[random.Next(UnknownNames.Length)];
                if (members.All(m => m.Key != name))
                {
                    members.Insert(random.Next(members.Count + 1), (name, RandomValue(random, 0)));
                }

                break;
            case 2 when members.Count > 0:
                members.RemoveAt(random.Next(members.Count));
                break;
            default:
                if (members.Count > 0)
                {
                    var at = random.Next(members.Count);
                    members[at] = (members[at].Key, RandomValue(random, 0));
                }

                break;
        }

        var result = new JsonObject();
        foreach (var (key, value) in members)
        {
            result[key] = value;
        }

        return result;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 6 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 100)),
        2 => JsonValue.Create("v\u00e9\n\"" + random.Next(10)),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(1.5),
        5 => JsonValue.Create("stop"),
        6 => new JsonObject { ["k"] = RandomValue(random, depth + 1), ["n"] = null },
        _ => new JsonArray(RandomValue(random, depth + 1), JsonValue.Create(1)),
    };

    private static void AssertSame(ChatCompletionChunk actual, ChatCompletionChunk expected, string json)
    {
        Assert.That(Serialize(actual), Is.EqualTo(Serialize(expected)), json);
        Assert.That(actual.AdditionalProperties.Keys, Is.EqualTo(expected.AdditionalProperties.Keys), json);
        for (var i = 0; i < expected.Choices.Count; i++)
        {
            Assert.That(actual.Choices[i].AdditionalProperties.Keys, Is.EqualTo(expected.Choices[i].AdditionalProperties.Keys), json);
            Assert.That(actual.Choices[i].Delta.AdditionalProperties.Keys, Is.EqualTo(expected.Choices[i].Delta.AdditionalProperties.Keys), json);
            Assert.That(actual.Choices[i].FinishReason, Is.EqualTo(expected.Choices[i].FinishReason), json);
            Assert.That(actual.Choices[i].Delta.Role, Is.EqualTo(expected.Choices[i].Delta.Role), json);
        }
    }

    private static void AssertSame(ChatCompletion actual, ChatCompletion expected, string? json = null)
    {
        Assert.That(Serialize(actual), Is.EqualTo(Serialize(expected)), json);
        Assert.That(actual.AdditionalProperties.Keys, Is.EqualTo(expected.AdditionalProperties.Keys), json);
        for (var i = 0; i < expected.Choices.Count; i++)
        {
            Assert.That(actual.Choices[i].AdditionalProperties.Keys, Is.EqualTo(expected.Choices[i].AdditionalProperties.Keys), json);
            Assert.That(actual.Choices[i].Message.AdditionalProperties.Keys, Is.EqualTo(expected.Choices[i].Message.AdditionalProperties.Keys), json);
            Assert.That(actual.Choices[i].FinishReason, Is.EqualTo(expected.Choices[i].FinishReason), json);
            Assert.That(actual.Choices[i].Logprobs?.ValueKind, Is.EqualTo(expected.Choices[i].Logprobs?.ValueKind), json);
        }
    }

    private static string Serialize(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, MiladyCloudJsonContext.Default.ChatCompletionChunk);

    private static string Serialize(ChatCompletion completion) => JsonSerializer.Serialize(completion, MiladyCloudJsonContext.Default.ChatCompletion);

    private static string Serialize(MessageStreamEvent streamEvent) => JsonSerializer.Serialize(streamEvent, MiladyCloudJsonContext.Default.MessageStreamEvent);
}
