using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// A throw-away redis-server for the sample when no MILADY_REDIS is given: on a free loopback port, without persistence,
/// stopped when disposed.
/// </summary>
internal sealed class LocalRedis : IDisposable
{
    private readonly Process _process;

    private LocalRedis(Process process, int port)
    {
        _process = process;
        Configuration = $"127.0.0.1:{port},abortConnect=false";
    }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration { get; }

    /// <summary>Starts redis-server, or returns <see langword="null"/> when it is not installed.</summary>
    public static LocalRedis? TryStart()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            WaitUntilListening(port);
            return new LocalRedis(process, port);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
    }

    /// <summary>The workers connect once it listens, so none of them starts without the fleet's state.</summary>
    private static void WaitUntilListening(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                // A busy machine may take a few seconds to start it.
                Thread.Sleep(20);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
