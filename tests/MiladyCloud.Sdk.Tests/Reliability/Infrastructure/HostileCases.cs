using System.Text;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// The hostile answers of issue #17, each 64 times larger than the limit the tests configure (so an SDK that does not
/// stop at the limit is caught by the memory bound), shared by the fault tests and the memory-bound property.
/// </summary>
internal static class HostileCases
{
    /// <summary><see cref="MiladyCloudClientOptions.MaxResponseBytes"/> in these tests: 1 MiB.</summary>
    public const int Limit = 1024 * 1024;

    /// <summary>What each hostile body decodes to: 64 MiB.</summary>
    public const int HostileMegabytes = 64;

    /// <summary>The retries of the retrying cases: the default <see cref="MiladyCloudClientOptions.MaxRetries"/>.</summary>
    private static readonly int DefaultRetries = new MiladyCloudClientOptions().MaxRetries;

    // Built once: the memory property counts every byte the process allocates during a call, the server's included.
    private static readonly byte[] CorruptGzipError = Payloads.Corrupt("{\"error\":\"busy\"}", "gzip");
    private static readonly byte[] CorruptBrotliError = Payloads.Corrupt("{\"error\":\"busy\"}", "br");
    private static readonly byte[] CorruptGzipCompletion = Payloads.Corrupt(Faults.Completion, "gzip");
    private static readonly byte[] CorruptBrotliStream = Payloads.Corrupt(Faults.ChatChunk("ok"), "br");
    private static readonly byte[] CorruptGzipAudio = Payloads.Corrupt("ID3 audio frames", "gzip");
    private static readonly byte[] CorruptBrotliAudio = Payloads.Corrupt("ID3 audio frames", "br");

    public static readonly HostileCase[] All =
    [
        new("a 200 declaring 2 GB that sends 50 bytes", c => Respond(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483646\r\n\r\n" + Payloads.CompletionHead[..50], close: true), HostileCall.Chat, typeof(MiladyCloudConnectionException), 1),
        new("a gzip bomb (JSON)", c => Bomb(c, "200 OK", "application/json", "gzip", ' '), HostileCall.Chat, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a brotli bomb (JSON)", c => Bomb(c, "200 OK", "application/json", "br", ' '), HostileCall.Chat, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 64 MiB string field, chunked", c => Plain(c, "200 OK", "application/json", Payloads.CompletionHead, chunked: true), HostileCall.Chat, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 64 MiB string field with its length", c => Plain(c, "200 OK", "application/json", Payloads.CompletionHead, chunked: false), HostileCall.Chat, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 400 with a 64 MiB body", c => Plain(c, "400 Bad Request", "application/json", "{\"error\":\"", chunked: false), HostileCall.Chat, typeof(MiladyCloudInvalidRequestException), 1),
        new("a 503 with a 64 MiB chunked body", c => Plain(c, "503 Service Unavailable", "application/json", "{\"error\":\"", chunked: true), HostileCall.Chat, typeof(MiladyCloudServiceUnavailableException), 1),
        new("a 429 gzip bomb", c => Bomb(c, "429 Too Many Requests", "application/json", "gzip", ' '), HostileCall.Chat, typeof(MiladyCloudRateLimitedException), 1),
        new("a 200 HTML page of 64 MiB answering a stream", c => Plain(c, "200 OK", "text/html", "<html>", chunked: true), HostileCall.ChatStream, typeof(MiladyCloudResponseFormatException), 1),
        new("a 64 MiB stream event", c => Plain(c, "200 OK", "text/event-stream", Payloads.ChunkHead, chunked: false, close: true), HostileCall.ChatStream, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a gzip bomb stream event", c => Bomb(c, "200 OK", "text/event-stream", "gzip", 'x', prefix: "data: {\"x\":\""), HostileCall.ChatStream, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a stream event of 64 MiB in many data lines", ManyDataLines, HostileCall.ChatStream, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a 64 MiB comment line, then a good stream", c => CommentThenStream(c, ": "), HostileCall.ChatStream, typeof(void), 2),
        new("a 64 MiB event name, then a good stream", c => CommentThenStream(c, "event: "), HostileCall.ChatStream, typeof(void), 2),

        // Retryable statuses with retries on: the error body is read (its start) to decide on a retry, on every attempt.
        new("a 429 with a 64 MiB chunked body, retried", EveryRequest(c => PlainAnswer(c, "429 Too Many Requests", "application/json", "{\"error\":\"", chunked: true)), HostileCall.ModelList, typeof(MiladyCloudRateLimitedException), 1, Retries: DefaultRetries),
        new("a 503 with a 64 MiB body, retried", EveryRequest(c => PlainAnswer(c, "503 Service Unavailable", "application/json", "{\"error\":\"", chunked: false)), HostileCall.ModelList, typeof(MiladyCloudServiceUnavailableException), 1, Retries: DefaultRetries),
        new("a 429 gzip bomb, retried", EveryRequest(c => BombAnswer(c, "429 Too Many Requests", "application/json", "gzip", ' ')), HostileCall.ModelList, typeof(MiladyCloudRateLimitedException), 1, Retries: DefaultRetries),
        new("a 503 brotli bomb, retried", EveryRequest(c => BombAnswer(c, "503 Service Unavailable", "application/json", "br", ' ')), HostileCall.ModelList, typeof(MiladyCloudServiceUnavailableException), 1, Retries: DefaultRetries),
        new("a 500 with a corrupt gzip body, retried", EveryRequest(c => c.RespondAsync(500, CorruptGzipError, "application/json", "Content-Encoding: gzip")), HostileCall.ModelList, typeof(MiladyCloudInternalServerErrorException), 1, Retries: DefaultRetries),
        new("a 429 with a corrupt brotli body, retried", EveryRequest(c => c.RespondAsync(429, CorruptBrotliError, "application/json", "Content-Encoding: br")), HostileCall.ModelList, typeof(MiladyCloudRateLimitedException), 1, Retries: DefaultRetries),
        new("a 429 with a 64 MiB chunked body answering a stream, retried", EveryRequest(c => PlainAnswer(c, "429 Too Many Requests", "application/json", "{\"error\":\"", chunked: true)), HostileCall.ChatStream, typeof(MiladyCloudRateLimitedException), 1, Retries: DefaultRetries),

        // Corrupt compression, and a huge error body where a stream was asked for.
        new("a corrupt gzip success body (JSON)", EveryRequest(c => c.RespondAsync(200, CorruptGzipCompletion, "application/json", "Content-Encoding: gzip")), HostileCall.Chat, typeof(MiladyCloudResponseFormatException), 1),
        new("a corrupt brotli stream", EveryRequest(c => c.RespondAsync(200, CorruptBrotliStream, "text/event-stream", "Content-Encoding: br")), HostileCall.ChatStream, typeof(MiladyCloudResponseFormatException), 1),
        new("a 400 with a 64 MiB body answering a stream", c => Plain(c, "400 Bad Request", "application/json", "{\"error\":\"", chunked: false), HostileCall.ChatStream, typeof(MiladyCloudInvalidRequestException), 1),

        // Text-to-speech audio: held whole by GetAudioAsync (bounded), passed through by the raw stream (nothing held).
        new("64 MiB of audio held whole", c => Plain(c, "200 OK", "audio/mpeg", "ID3", chunked: true), HostileCall.SpeechBytes, typeof(MiladyCloudResponseTooLargeException), 2),
        new("64 MiB of audio declared by its length, held whole", c => Plain(c, "200 OK", "audio/mpeg", "ID3", chunked: false), HostileCall.SpeechBytes, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a gzip bomb of audio held whole", c => Bomb(c, "200 OK", "audio/mpeg", "gzip", ' '), HostileCall.SpeechBytes, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a brotli bomb of audio held whole", c => Bomb(c, "200 OK", "audio/mpeg", "br", ' '), HostileCall.SpeechBytes, typeof(MiladyCloudResponseTooLargeException), 2),
        new("64 MiB of audio read as a stream", c => Plain(c, "200 OK", "audio/mpeg", "ID3", chunked: true), HostileCall.SpeechStream, typeof(void), 1),
        new("corrupt gzip audio read as a stream", EveryRequest(c => c.RespondAsync(200, CorruptGzipAudio, "audio/mpeg", "Content-Encoding: gzip")), HostileCall.SpeechStream, typeof(MiladyCloudResponseFormatException), 1),
        new("corrupt brotli audio held whole", EveryRequest(c => c.RespondAsync(200, CorruptBrotliAudio, "audio/mpeg", "Content-Encoding: br")), HostileCall.SpeechBytes, typeof(MiladyCloudResponseFormatException), 2),
    ];

    /// <summary>Gives the answer to every request on the connection (a retried call may reuse it), until the client closes it.</summary>
    private static Func<RawConnection, Task> EveryRequest(Func<RawConnection, Task> answer)
        => async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                await answer(connection);
            }
        };

    private static async Task Respond(RawConnection connection, string text, bool close)
    {
        await connection.ReadRequestAsync();
        await connection.WriteAsync(text);
        if (close)
        {
            connection.Close();
        }
    }

    private static async Task Bomb(RawConnection connection, string status, string contentType, string encoding, char fill, string prefix = "")
    {
        await connection.ReadRequestAsync();
        await BombAnswer(connection, status, contentType, encoding, fill, prefix);
    }

    private static async Task BombAnswer(RawConnection connection, string status, string contentType, string encoding, char fill, string prefix = "")
    {
        await connection.WriteAsync($"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n\r\n");
        if (encoding == "br")
        {
            // One brotli stream (concatenated brotli streams are not one body).
            await connection.WriteAsync(Payloads.Member("br", fill, HostileMegabytes));
        }
        else
        {
            await connection.WriteAsync(Payloads.Compress(prefix, encoding));
            for (var i = 0; i < HostileMegabytes / 16; i++)
            {
                await connection.WriteAsync(Payloads.Member(encoding, fill, 16));
            }
        }

        connection.Close();
    }

    private static async Task Plain(RawConnection connection, string status, string contentType, string head, bool chunked, bool close = false)
    {
        await connection.ReadRequestAsync();
        await PlainAnswer(connection, status, contentType, head, chunked, close);
    }

    private static async Task PlainAnswer(RawConnection connection, string status, string contentType, string head, bool chunked, bool close = false)
    {
        const long size = HostileMegabytes * 1024L * 1024;
        var framing = chunked ? "Transfer-Encoding: chunked" : close ? "Connection: close" : $"Content-Length: {head.Length + size}";
        await connection.WriteAsync($"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\n{framing}\r\n\r\n");
        var block = Payloads.Block('x');
        if (chunked)
        {
            await connection.WriteChunkAsync(Encoding.ASCII.GetBytes(head));
            for (var i = 0; i < size / block.Length; i++)
            {
                await connection.WriteChunkAsync(block);
            }

            await connection.WriteAsync("0\r\n\r\n");
            return;
        }

        await connection.WriteAsync(head);
        await connection.WriteRepeatedAsync(block, size);
        if (close)
        {
            connection.Close();
        }
    }

    private static async Task ManyDataLines(RawConnection connection)
    {
        await connection.ReadRequestAsync();
        await connection.StartEventStreamAsync();
        var line = Encoding.ASCII.GetBytes("data: " + new string('x', 1000) + "\n");
        var lines = new byte[line.Length * 64];
        for (var i = 0; i < 64; i++)
        {
            line.CopyTo(lines, i * line.Length);
        }

        await connection.WriteRepeatedAsync(lines, HostileMegabytes * 1024L * 1024);
        connection.Close();
    }

    private static async Task CommentThenStream(RawConnection connection, string field)
    {
        await connection.ReadRequestAsync();
        await connection.StartEventStreamAsync();
        await connection.WriteAsync(field);
        await connection.WriteRepeatedAsync(Payloads.Block('k'), HostileMegabytes * 1024L * 1024);
        await connection.WriteAsync("\n\n" + Faults.ChatChunk("ok") + Faults.Done);
        connection.Close();
    }
}
