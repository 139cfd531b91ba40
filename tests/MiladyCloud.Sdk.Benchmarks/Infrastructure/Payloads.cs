using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// The response bytes every contender reads, built once per process. They follow the server's real shapes (ids,
/// created, model echoed in every chunk) so no contender profits from a shortcut the real wire would not allow.
/// </summary>
internal static class Payloads
{
    public const string ChatModel = "openai/gpt-5.4";
    public const string MessagesModel = "claude-sonnet-4-6";

    /// <summary>Token-sized fragments, some with characters that must be escaped in JSON.</summary>
    private static readonly string[] Fragments =
    [
        " the", " quick", " brown", " fox", " jumps", " over", " lazy", " dog", ".", "\\n", " It", "'s", " a", " \\\"test\\\"", " of", " streaming", ",", " café", " naïve", " 42",
    ];

    public static string Fragment(int i) => Fragments[i % Fragments.Length];

    public static string ChatChunk(int i)
        => "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion.chunk\",\"created\":1714230000,\"model\":\"" + ChatModel
           + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + Fragment(i) + "\"},\"finish_reason\":null}]}";

    public const string ChatFinalChunk =
        "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion.chunk\",\"created\":1714230001,\"model\":\"" + ChatModel
        + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    /// <summary>A chat stream: <paramref name="chunks"/> content chunks, the final chunk, <c>[DONE]</c>.</summary>
    public static byte[] ChatStream(int chunks)
    {
        var sb = new StringBuilder(chunks * 200);
        for (var i = 0; i < chunks; i++)
        {
            sb.Append("data: ").Append(ChatChunk(i)).Append("\n\n");
        }

        sb.Append("data: ").Append(ChatFinalChunk).Append("\n\n").Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A messages stream: a text block of <paramref name="textDeltas"/> deltas, then a tool_use block of <paramref name="jsonDeltas"/> input_json_deltas.</summary>
    public static byte[] MessagesStream(int textDeltas, int jsonDeltas)
    {
        var sb = new StringBuilder((textDeltas + jsonDeltas) * 150);
        Event(sb, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_3f9a1c0d2b7e4a5f8c6d1e2f\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + MessagesModel + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":412,\"output_tokens\":0}}}");
        Event(sb, "ping", "{\"type\":\"ping\"}");
        Event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (var i = 0; i < textDeltas; i++)
        {
            Event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + Fragment(i) + "\"}}");
        }

        Event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        Event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01A09q90qw90lq917835lq9\",\"name\":\"get_weather\",\"input\":{}}}");
        for (var i = 0; i < jsonDeltas; i++)
        {
            var fragment = i == 0 ? "{\\\"items\\\":[" : i == jsonDeltas - 1 ? "0]}" : i.ToString(CultureInfo.InvariantCulture) + ",";
            Event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + fragment + "\"}}");
        }

        Event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        Event(sb, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":1238}}");
        Event(sb, "message_stop", "{\"type\":\"message_stop\"}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A non-streaming chat completion whose content is about <paramref name="contentBytes"/> long.</summary>
    public static byte[] ChatCompletion(int contentBytes)
    {
        var content = new StringBuilder(contentBytes + 32);
        for (var i = 0; content.Length < contentBytes; i++)
        {
            content.Append(Fragment(i));
        }

        return Encoding.UTF8.GetBytes(
            "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion\",\"created\":1714230000,\"model\":\"" + ChatModel
            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
            + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":"
            + (contentBytes / 4).ToString(CultureInfo.InvariantCulture) + ",\"total_tokens\":" + (412 + (contentBytes / 4)).ToString(CultureInfo.InvariantCulture) + "}}");
    }

    /// <summary>An embeddings response of <paramref name="count"/> vectors of <paramref name="dimensions"/> floats.</summary>
    public static byte[] Embeddings(int count, int dimensions, bool base64)
    {
        var random = new Random(42);
        var sb = new StringBuilder(count * dimensions * 12);
        sb.Append("{\"object\":\"list\",\"data\":[");
        var raw = new byte[dimensions * sizeof(float)];
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":");
            if (base64)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(d * sizeof(float)), (float)((random.NextDouble() * 2) - 1) / 10);
                }

                sb.Append('"').Append(Convert.ToBase64String(raw)).Append('"');
            }
            else
            {
                sb.Append('[');
                for (var d = 0; d < dimensions; d++)
                {
                    sb.Append(d == 0 ? "" : ",").Append(((float)((random.NextDouble() * 2) - 1) / 10).ToString("R", CultureInfo.InvariantCulture));
                }

                sb.Append(']');
            }

            sb.Append('}');
        }

        sb.Append("],\"model\":\"openai/text-embedding-3-small\",\"usage\":{\"prompt_tokens\":800,\"total_tokens\":800}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Event(StringBuilder sb, string name, string json)
        => sb.Append("event: ").Append(name).Append('\n').Append("data: ").Append(json).Append("\n\n");
}
