using System.Net.Sockets;
using System.Text;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>One accepted connection of a <see cref="RawServer"/>: reads requests, writes exact bytes, fails on demand.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private static readonly byte[] ChunkEnd = "\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;

    public RawConnection(Socket socket, CancellationToken stopping)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Stopping = stopping;
    }

    public CancellationToken Stopping { get; }

    /// <summary>Reads the next request (headers and a Content-Length body); <see langword="null"/> when the client closed.</summary>
    public async Task<RawRequest?> ReadRequestAsync()
    {
        var head = await ReadHeadAsync();
        if (head is null)
        {
            return null;
        }

        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = await ReadExactlyAsync(length);
        return new RawRequest(parts[0], parts[1], headers, Encoding.UTF8.GetString(body));
    }

    /// <summary>Reads only the head of the next request (method and target), leaving its body unread, as a server that rejects it early does.</summary>
    public async Task<string?> ReadHeadOnlyAsync() => await ReadHeadAsync();

    /// <summary>Writes <paramref name="count"/> bytes by repeating <paramref name="block"/> (no allocation per write: memory tests count bytes).</summary>
    public async Task WriteRepeatedAsync(byte[] block, long count)
    {
        for (long sent = 0; sent < count; sent += block.Length)
        {
            await _stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, count - sent)), Stopping);
        }

        await _stream.FlushAsync(Stopping);
    }

    /// <summary>Writes one chunk of a chunked body.</summary>
    public async Task WriteChunkAsync(byte[] bytes)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), Stopping);
        await _stream.WriteAsync(bytes, Stopping);
        await _stream.WriteAsync(ChunkEnd, Stopping);
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes, Stopping);
        await _stream.FlushAsync(Stopping);
    }

    /// <summary>Writes a complete response with a Content-Length.</summary>
    public Task RespondAsync(int status, string body, string contentType = "application/json", params string[] headers)
        => RespondAsync(status, Encoding.UTF8.GetBytes(body), contentType, headers);

    public Task RespondAsync(int status, byte[] body, string contentType = "application/json", params string[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} Status\r\n");
        if (contentType.Length > 0)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return WriteAsync([.. Encoding.ASCII.GetBytes(head.ToString()), .. body]);
    }

    /// <summary>Writes the headers of an event stream (no length: the body ends when the connection closes).</summary>
    public Task StartEventStreamAsync(string contentType = "text/event-stream", params string[] headers)
        => WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Connection: close\r\n\r\n");

    /// <summary>Aborts the connection with a TCP reset (linger 0), as a crashing proxy does.</summary>
    public void Reset()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes the connection cleanly (FIN) after what was written.</summary>
    public void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _stream.Dispose();
    }

    /// <summary>Keeps the connection open and silent until the test ends.</summary>
    public Task HoldAsync() => Task.Delay(Timeout.Infinite, Stopping);

    public void Dispose() => _stream.Dispose();

    private async Task<string?> ReadHeadAsync()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 4;
                return head;
            }

            if (!await FillAsync())
            {
                return null;
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end && !await FillAsync())
            {
                throw new IOException("the client closed the connection mid-body");
            }

            var take = Math.Min(count - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(filled));
            _start += take;
            filled += take;
        }

        return result;
    }

    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidOperationException("request head larger than the test server's buffer");
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), Stopping);
        _end += read;
        return read > 0;
    }
}
