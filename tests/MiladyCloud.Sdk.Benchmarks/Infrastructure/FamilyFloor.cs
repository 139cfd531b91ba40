using System.Net.ServerSentEvents;
using System.Text.Json;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// The floor for the corpus families: what hand-written code on <see cref="Utf8JsonReader"/> reads to get the text
/// and the tool-call arguments (and, for a whole answer, id, model, finish reason and usage) out of the same bytes.
/// </summary>
internal static class FamilyFloor
{
    /// <summary>Reads every chat delta's content or tool-call arguments; returns their total length.</summary>
    public static async Task<int> ChatStreamAsync(HttpClient http, byte[] requestBody)
    {
        using var request = Floor.Post("chat/completions", requestBody, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var total = 0;
            await foreach (var item in SseParser.Create(body, static (_, data) => ChatPiece(data)).EnumerateAsync().ConfigureAwait(false))
            {
                total += item.Data?.Length ?? 0;
            }

            return total;
        }
    }

    /// <summary>The content or the tool-call arguments of a chunk's first choice.</summary>
    public static string? ChatPiece(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        var reader = new Utf8JsonReader(data);
        if (!(reader.Read() && Find(ref reader, "choices"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject && Find(ref reader, "delta"u8)))
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                return reader.Read() && reader.TokenType == JsonTokenType.StartObject && Find(ref reader, "function"u8) && Find(ref reader, "arguments"u8)
                    ? reader.GetString()
                    : null;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    /// <summary>Reads a whole chat answer: id, model, content, finish reason, tool calls, usage; returns content + arguments length.</summary>
    public static int Completion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? id = null, model = null, finish = null;
        var length = 0;
        var tokens = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.GetString();
            }
            else if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                length += reader.TokenType == JsonTokenType.String ? reader.GetString()!.Length : 0;
            }
            else if (reader.CurrentDepth > 1 && (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("name"u8)))
            {
                // The tool calls' ids and names: read, as a caller acting on them would.
                reader.Read();
                _ = reader.GetString();
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finish = reader.GetString();
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                tokens = reader.GetInt32();
            }
        }

        return id is null || model is null || finish is null || tokens == 0 ? -1 : length;
    }

    /// <summary>With the reader on an object's start, moves to the value of its property <paramref name="name"/>.</summary>
    private static bool Find(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }
}
