using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// A loopback HTTP/1.1 server written on raw sockets, so a test decides every byte and every connection-level
/// failure (reset, silence, early close) that a mock HTTP server cannot produce. Each accepted connection runs the
/// test's handler; connections are counted to check pooling.
/// </summary>
internal sealed class RawServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawConnection, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<RawConnection> _connections = [];
    private readonly ConcurrentDictionary<int, byte> _clientPorts = new();
    private int _accepted;
    private int _open;
    private int _maxOpen;

    public RawServer(Func<RawConnection, Task> handler)
    {
        _handler = handler;
        _listener.Start(1024);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/api/v1/");

    /// <summary>How many TCP connections the client opened in total.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>The most connections that were open at the same time.</summary>
    public int MaxConcurrentConnections => Volatile.Read(ref _maxOpen);

    /// <summary>Connections open right now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public int DistinctClientPorts => _clientPorts.Count;

    /// <summary>Cancelled when the test ends: handlers that hold a connection open wait on it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>A port on which nothing listens (bound, then released), for "connection refused".</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            var open = Interlocked.Increment(ref _open);
            InterlockedMax(ref _maxOpen, open);
            _clientPorts.TryAdd(((IPEndPoint)socket.RemoteEndPoint!).Port, 0);
            var connection = new RawConnection(socket, _stopping.Token);
            _connections.Add(connection);
            _ = RunAsync(connection);
        }
    }

    private async Task RunAsync(RawConnection connection)
    {
        try
        {
            await _handler(connection);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the test ended: both are normal for a fault server.
        }
        finally
        {
            connection.Dispose();
            Interlocked.Decrement(ref _open);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
