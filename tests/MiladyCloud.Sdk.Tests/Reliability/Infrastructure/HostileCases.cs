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

    public static readonly HostileCase[] All =
    [
        new("a 200 declaring 2 GB that sends 50 bytes", c => Respond(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483646\r\n\r\n" + Payloads.CompletionHead[..50], close: true), false, typeof(MiladyCloudConnectionException), 1),
        new("a gzip bomb (JSON)", c => Bomb(c, "200 OK", "application/json", "gzip", ' '), false, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a brotli bomb (JSON)", c => Bomb(c, "200 OK", "application/json", "br", ' '), false, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 64 MiB string field, chunked", c => Plain(c, "200 OK", "application/json", Payloads.CompletionHead, chunked: true), false, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 64 MiB string field with its length", c => Plain(c, "200 OK", "application/json", Payloads.CompletionHead, chunked: false), false, typeof(MiladyCloudResponseTooLargeException), 1),
        new("a 400 with a 64 MiB body", c => Plain(c, "400 Bad Request", "application/json", "{\"error\":\"", chunked: false), false, typeof(MiladyCloudInvalidRequestException), 1),
        new("a 503 with a 64 MiB chunked body", c => Plain(c, "503 Service Unavailable", "application/json", "{\"error\":\"", chunked: true), false, typeof(MiladyCloudServiceUnavailableException), 1),
        new("a 429 gzip bomb", c => Bomb(c, "429 Too Many Requests", "application/json", "gzip", ' '), false, typeof(MiladyCloudRateLimitedException), 1),
        new("a 200 HTML page of 64 MiB answering a stream", c => Plain(c, "200 OK", "text/html", "<html>", chunked: true), true, typeof(MiladyCloudResponseFormatException), 1),
        new("a 64 MiB stream event", c => Plain(c, "200 OK", "text/event-stream", Payloads.ChunkHead, chunked: false, close: true), true, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a gzip bomb stream event", c => Bomb(c, "200 OK", "text/event-stream", "gzip", 'x', prefix: "data: {\"x\":\""), true, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a stream event of 64 MiB in many data lines", ManyDataLines, true, typeof(MiladyCloudResponseTooLargeException), 2),
        new("a 64 MiB comment line, then a good stream", c => CommentThenStream(c, ": "), true, typeof(void), 2),
        new("a 64 MiB event name, then a good stream", c => CommentThenStream(c, "event: "), true, typeof(void), 2),
    ];

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
