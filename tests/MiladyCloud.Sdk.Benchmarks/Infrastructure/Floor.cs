using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>
/// The floor: what hand-written code on a bare HttpClient, SseParser and Utf8JsonReader does to get the same
/// information out of the same bytes, with no typed model, no validation and no error handling.
/// </summary>
internal static class Floor
{
    public static HttpRequestMessage Post(string path, byte[] body, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (stream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }

    /// <summary>Reads every chat delta's content; returns the total length.</summary>
    public static async Task<int> ChatStreamAsync(HttpClient http, byte[] requestBody)
    {
        using var request = Post("chat/completions", requestBody, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var total = 0;
            await foreach (var item in SseParser.Create(body, static (_, data) => ChatDelta(data)).EnumerateAsync().ConfigureAwait(false))
            {
                total += item.Data?.Length ?? 0;
            }

            return total;
        }
    }

    /// <summary>Reads every text and input JSON delta; returns the total length.</summary>
    public static async Task<int> MessagesStreamAsync(HttpClient http, byte[] requestBody)
    {
        using var request = Post("messages", requestBody, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var total = 0;
            await foreach (var item in SseParser.Create(body, static (type, data) => type == "content_block_delta" ? BlockDelta(data) : null).EnumerateAsync().ConfigureAwait(false))
            {
                total += item.Data?.Length ?? 0;
            }

            return total;
        }
    }

    /// <summary>Reads a chat completion's id, model, content, finish reason and usage; returns the content length.</summary>
    public static async Task<int> ChatCompletionAsync(HttpClient http, byte[] requestBody)
    {
        using var request = Post("chat/completions", requestBody, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var (buffer, length) = await ReadAllAsync(response).ConfigureAwait(false);
        try
        {
            return Completion(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads every embedding into its own float array; returns the total number of floats.</summary>
    public static async Task<int> EmbeddingsAsync(HttpClient http, byte[] requestBody)
    {
        using var request = Post("embeddings", requestBody, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var (buffer, length) = await ReadAllAsync(response).ConfigureAwait(false);
        try
        {
            return Embeddings(buffer.AsSpan(0, length)).Sum(v => v.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)(response.Content.Headers.ContentLength ?? 16 * 1024) + 1);
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
    }

    public static string? ChatDelta(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        var reader = new Utf8JsonReader(data);
        return FindProperty(ref reader, "choices"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject
               && FindPropertyInObject(ref reader, "delta"u8) && FindPropertyInObject(ref reader, "content"u8) && reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : null;
    }

    public static string? BlockDelta(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!FindProperty(ref reader, "delta"u8))
        {
            return null;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8)))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    private static int Completion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? id = null, model = null, content = null, finish = null;
        var tokens = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("id"u8) && reader.CurrentDepth == 1)
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.GetString();
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                content = reader.GetString();
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

        return id is null || model is null || finish is null || tokens == 0 ? -1 : content?.Length ?? 0;
    }

    private static List<float[]> Embeddings(ReadOnlySpan<byte> json)
    {
        var vectors = new List<float[]>(128);
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("embedding"u8))
            {
                continue;
            }

            reader.Read();
            vectors.Add(reader.TokenType == JsonTokenType.String ? Base64Floats(ref reader) : ArrayFloats(ref reader));
        }

        return vectors;
    }

    private static float[] Base64Floats(ref Utf8JsonReader reader)
    {
        var encoded = reader.ValueSpan;
        var values = new float[Base64.GetMaxDecodedFromUtf8Length(encoded.Length) / sizeof(float)];
        Base64.DecodeFromUtf8(encoded, MemoryMarshal.AsBytes(values.AsSpan()), out _, out var written);
        return written == values.Length * sizeof(float) ? values : values[..(written / sizeof(float))];
    }

    private static float[] ArrayFloats(ref Utf8JsonReader reader)
    {
        var buffer = ArrayPool<float>.Shared.Rent(4096);
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            buffer[count++] = reader.GetSingle();
        }

        var values = buffer.AsSpan(0, count).ToArray();
        ArrayPool<float>.Shared.Return(buffer);
        return values;
    }

    /// <summary>Moves to the value of a top-level property.</summary>
    private static bool FindProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        => reader.Read() && reader.TokenType == JsonTokenType.StartObject && FindPropertyInObject(ref reader, name);

    /// <summary>With the reader on an object's start, moves to the value of its property <paramref name="name"/>.</summary>
    private static bool FindPropertyInObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
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
