using System.Globalization;
using System.Text;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// Realistic traffic, generated deterministically (seeded) so every run and every contender reads the same bytes.
/// Several payload families per scenario, after what OpenAI-compatible servers and their upstream providers send:
/// plain text; Unicode (accented Latin, CJK, emoji) with JSON escapes; tool calls streamed in many argument pieces;
/// OpenAI's own stream (role chunk, <c>service_tier</c>, <c>system_fingerprint</c>, <c>logprobs: null</c>,
/// <c>obfuscation</c>, <c>usage: null</c> on every chunk, a usage-only chunk with <c>choices: []</c>); and Python-style
/// servers (<c>", "</c> and <c>": "</c> separators, members in another order, their own extra members). Non-streaming
/// answers come compact and pretty-printed. The test project links this file and checks the fast readers against the
/// general deserializer on every family.
/// </summary>
public static class Corpus
{
    public const string ChatModel = "openai/gpt-5.4";
    public const string MessagesModel = "claude-sonnet-4-6";

    public static readonly string[] ChatStreamFamilies = ["Plain", "Unicode", "ToolCalls", "OpenAI", "PythonStyle"];
    public static readonly string[] MessagesStreamFamilies = ["Plain", "Unicode", "ToolInput", "PythonStyle"];
    public static readonly string[] CompletionFamilies = ["SmallCompact", "SmallPretty", "ToolCalls3KbCompact", "ToolCalls3KbPretty", "OpenAI3KbPretty"];

    private static readonly string[] Plain =
    [
        " the", " quick", " brown", " fox", " jumps", " over", " lazy", " dog", ".", " It", "'s", " a", " test", " of", " streaming", ",", " and", " then", " some", " 42",
    ];

    /// <summary>Fragments as they appear inside a JSON string: raw UTF-8 and escapes mixed, as servers write them.</summary>
    private static readonly string[] Unicode =
    [
        " café", " naïve", " Ærøskøbing", " größer", " 東京", "は", "晴れ", "です", "。", " 😀", " 🚀🎉", " \\u00e9t\\u00e9", " \\\"quoted\\\"", "\\n", "\\t", " back\\\\slash",
        " \\ud83d\\ude00", " Привет", " مرحبا", " 한국어", " €100", " –", " “smart”", " x²",
    ];

    private static readonly string[] ArgumentPieces =
    [
        "{\\\"", "location", "\\\":\\\"", "Paris", ", ", "France", "\\\",\\\"", "unit", "\\\":\\\"", "celsius", "\\\",\\\"", "days", "\\\":", "7", ",\\\"", "include", "\\\":[\\\"", "hourly", "\\\",\\\"", "wind",
    ];

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // ---------------------------------------------------------------- chat streams

    /// <summary>The data of every event of a chat stream of <paramref name="family"/>, <c>[DONE]</c> excluded.</summary>
    public static List<string> ChatStreamEvents(string family, int events = 1000)
    {
        var random = new Random(1000 + Array.IndexOf(ChatStreamFamilies, family));
        var list = new List<string>(events + 4);
        switch (family)
        {
            case "Plain":
                for (var i = 0; i < events - 1; i++)
                {
                    list.Add(Chunk(DeltaContent(Plain[random.Next(Plain.Length)]), "null"));
                }

                list.Add(Chunk("{}", "\"stop\""));
                break;
            case "Unicode":
                for (var i = 0; i < events - 1; i++)
                {
                    list.Add(Chunk(DeltaContent(Pick(random, i)), "null"));
                }

                list.Add(Chunk("{}", "\"stop\""));
                break;
            case "ToolCalls":
                list.Add(Chunk("{\"role\":\"assistant\",\"content\":null}", "null"));
                var text = events / 4;
                for (var i = 0; i < text; i++)
                {
                    list.Add(Chunk(DeltaContent(Plain[random.Next(Plain.Length)]), "null"));
                }

                var pieces = events - text - 4;
                list.Add(Chunk(ToolStart(0, "call_Vx8kQ2", "get_weather"), "null"));
                for (var i = 0; i < pieces / 2; i++)
                {
                    list.Add(Chunk(ToolPiece(0, ArgumentPieces[i % ArgumentPieces.Length]), "null"));
                }

                list.Add(Chunk(ToolStart(1, "call_Jm3pR9", "search_documents"), "null"));
                for (var i = pieces / 2; i < pieces; i++)
                {
                    list.Add(Chunk(ToolPiece(1, ArgumentPieces[i % ArgumentPieces.Length]), "null"));
                }

                list.Add(Chunk("{}", "\"tool_calls\""));
                break;
            case "OpenAI":
                OpenAIStream(list, random, events);
                break;
            case "PythonStyle":
                PythonStream(list, random, events);
                break;
            default:
                throw new ArgumentException($"Unknown chat stream family {family}.", nameof(family));
        }

        return list;
    }

    /// <summary>A chat stream's wire bytes: every event as an SSE data frame, then <c>[DONE]</c>.</summary>
    public static byte[] ChatStream(string family, int events = 1000)
    {
        var sb = new StringBuilder(events * 300);
        foreach (var data in ChatStreamEvents(family, events))
        {
            sb.Append("data: ").Append(data).Append("\n\n");
        }

        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Pick(Random random, int i) => i % 3 == 0 ? Plain[random.Next(Plain.Length)] : Unicode[random.Next(Unicode.Length)];

    private static string DeltaContent(string text) => "{\"content\":\"" + text + "\"}";

    private static string ToolStart(int index, string id, string name)
        => "{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"\"}}]}";

    private static string ToolPiece(int index, string piece) => "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":\"" + piece + "\"}}]}";

    private static string Chunk(string delta, string finish)
        => "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion.chunk\",\"created\":1714230000,\"model\":\"" + ChatModel
           + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";

    /// <summary>
    /// OpenAI's stream with <c>stream_options.include_usage</c>: the same extra members on every chunk, a role chunk,
    /// text, one tool call in many pieces, the finish chunk and a usage-only chunk.
    /// </summary>
    private static void OpenAIStream(List<string> list, Random random, int events)
    {
        string Open(string delta, string finish) =>
            "{\"id\":\"chatcmpl-BqZ4d2xR8kLmN0pQ7sT1uVwXyZ\",\"object\":\"chat.completion.chunk\",\"created\":1751234567,\"model\":\"gpt-5.4-2026-03-05\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_a1b2c3d4e5\",\"choices\":[{\"index\":0,\"delta\":"
            + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":null,\"obfuscation\":\"" + Obfuscation(random) + "\"}";

        list.Add(Open("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"));
        var pieces = 150;
        var text = events - pieces - 4;
        for (var i = 0; i < text; i++)
        {
            list.Add(Open(DeltaContent(Pick(random, i)), "null"));
        }

        list.Add(Open("{\"tool_calls\":[{\"index\":0,\"id\":\"call_Vx8kQ2\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null"));
        for (var i = 0; i < pieces; i++)
        {
            list.Add(Open(ToolPiece(0, ArgumentPieces[i % ArgumentPieces.Length]), "null"));
        }

        list.Add(Open("{}", "\"tool_calls\""));
        list.Add("{\"id\":\"chatcmpl-BqZ4d2xR8kLmN0pQ7sT1uVwXyZ\",\"object\":\"chat.completion.chunk\",\"created\":1751234567,\"model\":\"gpt-5.4-2026-03-05\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_a1b2c3d4e5\",\"choices\":[],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":"
                 + events.ToString(CultureInfo.InvariantCulture) + ",\"total_tokens\":" + (412 + events).ToString(CultureInfo.InvariantCulture)
                 + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"obfuscation\":\"" + Obfuscation(random) + "\"}");
    }

    /// <summary>A Python server (vLLM, LiteLLM style): json.dumps separators, choices before the model, its own extras.</summary>
    private static void PythonStream(List<string> list, Random random, int events)
    {
        static string Py(string delta, string finish) =>
            "{\"id\": \"chatcmpl-7f3c9a\", \"choices\": [{\"delta\": " + delta + ", \"finish_reason\": " + finish + ", \"index\": 0, \"logprobs\": null, \"stop_reason\": null}], \"created\": 1751234567, \"model\": \"" + ChatModel + "\", \"object\": \"chat.completion.chunk\", \"usage\": null}";

        list.Add(Py("{\"role\": \"assistant\", \"content\": \"\"}", "null"));
        for (var i = 0; i < events - 2; i++)
        {
            list.Add(Py("{\"content\": \"" + Pick(random, i) + "\"}", "null"));
        }

        list.Add(Py("{}", "\"stop\""));
    }

    private static string Obfuscation(Random random)
    {
        var chars = new char[random.Next(1, 16)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    // ---------------------------------------------------------------- messages streams

    /// <summary>A messages stream's events (name and data) of <paramref name="family"/>.</summary>
    public static List<(string Name, string Data)> MessagesStreamEvents(string family, int deltas = 1000)
    {
        var random = new Random(2000 + Array.IndexOf(MessagesStreamFamilies, family));
        var spaced = family == "PythonStyle";
        string J(string compact) => spaced ? compact.Replace("\":", "\": ", StringComparison.Ordinal).Replace(",\"", ", \"", StringComparison.Ordinal) : compact;
        var list = new List<(string, string)>
        {
            ("message_start", J("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + MessagesModel + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":412,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}")),
            ("ping", "{\"type\": \"ping\"}"),
            ("content_block_start", J("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")),
        };
        var toolInput = family == "ToolInput";
        var text = toolInput ? deltas / 4 : deltas;
        for (var i = 0; i < text; i++)
        {
            var fragment = family == "Plain" || toolInput ? Plain[random.Next(Plain.Length)] : Pick(random, i);
            var delta = spaced
                ? "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"" + fragment + "\"}}"
                : "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + fragment + "\"}}";
            list.Add(("content_block_delta", delta));
        }

        list.Add(("content_block_stop", J("{\"type\":\"content_block_stop\",\"index\":0}")));
        var pieces = toolInput ? deltas - text : deltas / 5;
        list.Add(("content_block_start", J("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01A09q90qw90lq917835lq9\",\"name\":\"get_weather\",\"input\":{}}}")));
        for (var i = 0; i < pieces; i++)
        {
            list.Add(("content_block_delta", J("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + ArgumentPieces[i % ArgumentPieces.Length] + "\"}}")));
        }

        list.Add(("content_block_stop", J("{\"type\":\"content_block_stop\",\"index\":1}")));
        list.Add(("message_delta", J("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":1238}}")));
        list.Add(("message_stop", "{\"type\":\"message_stop\"}"));
        return list;
    }

    public static byte[] MessagesStream(string family, int deltas = 1000)
    {
        var sb = new StringBuilder(deltas * 150);
        foreach (var (name, data) in MessagesStreamEvents(family, deltas))
        {
            sb.Append("event: ").Append(name).Append('\n').Append("data: ").Append(data).Append("\n\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // ---------------------------------------------------------------- non-streaming chat

    /// <summary>A non-streaming chat answer of <paramref name="family"/>.</summary>
    public static string Completion(string family)
    {
        var random = new Random(3000 + Array.IndexOf(CompletionFamilies, family));
        var pretty = family.EndsWith("Pretty", StringComparison.Ordinal);
        string json;
        if (family.StartsWith("Small", StringComparison.Ordinal))
        {
            json = "{\"id\":\"chatcmpl-1714230000123\",\"object\":\"chat.completion\",\"created\":1714230000,\"model\":\"" + ChatModel
                   + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + Text(random, 64, unicode: false)
                   + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":16,\"total_tokens\":428}}";
        }
        else
        {
            var openAI = family.StartsWith("OpenAI", StringComparison.Ordinal);
            var content = Text(random, 1600, unicode: true);
            var calls = "[{\"id\":\"call_Vx8kQ2\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris, France\\\",\\\"unit\\\":\\\"celsius\\\",\\\"days\\\":7,\\\"include\\\":[\\\"hourly\\\",\\\"wind\\\",\\\"uv\\\"]}\"}},"
                        + "{\"id\":\"call_Jm3pR9\",\"type\":\"function\",\"function\":{\"name\":\"search_documents\",\"arguments\":\"{\\\"query\\\":\\\"quarterly revenue by region, fiscal 2026\\\",\\\"filters\\\":{\\\"department\\\":\\\"finance\\\",\\\"after\\\":\\\"2026-01-01\\\"},\\\"limit\\\":25}\"}}]";
            json = "{\"id\":\"chatcmpl-BqZ4d2xR8kLmN0pQ7sT1uVwXyZ\",\"object\":\"chat.completion\",\"created\":1751234567,\"model\":\"" + (openAI ? "gpt-5.4-2026-03-05" : ChatModel) + "\","
                   + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\","
                   + (openAI ? "\"refusal\":null,\"annotations\":[]," : string.Empty)
                   + "\"tool_calls\":" + calls + "},"
                   + (openAI ? "\"logprobs\":null," : string.Empty)
                   + "\"finish_reason\":\"tool_calls\"}],"
                   + "\"usage\":{\"prompt_tokens\":1412,\"completion_tokens\":512,\"total_tokens\":1924"
                   + (openAI ? ",\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":128,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}" : string.Empty)
                   + "}" + (openAI ? ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_a1b2c3d4e5\"" : string.Empty) + "}";
        }

        return pretty ? Pretty(json) : json;
    }

    private static string Text(Random random, int length, bool unicode)
    {
        var sb = new StringBuilder(length + 32);
        for (var i = 0; sb.Length < length; i++)
        {
            sb.Append(unicode ? Pick(random, i) : Plain[random.Next(Plain.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>Indents JSON two spaces a level, <c>": "</c> after names, as OpenAI's non-streaming answers come.</summary>
    public static string Pretty(string json)
    {
        var sb = new StringBuilder(json.Length * 2);
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\')
                {
                    sb.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    sb.Append(c);
                    break;
                case '{' or '[':
                    if (i + 1 < json.Length && json[i + 1] is '}' or ']')
                    {
                        sb.Append(c).Append(json[++i]);
                        break;
                    }

                    sb.Append(c).Append('\n').Append(' ', 2 * ++depth);
                    break;
                case '}' or ']':
                    sb.Append('\n').Append(' ', 2 * --depth).Append(c);
                    break;
                case ',':
                    sb.Append(",\n").Append(' ', 2 * depth);
                    break;
                case ':':
                    sb.Append(": ");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
