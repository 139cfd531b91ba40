using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Tests.Redis;

/// <summary>
/// A real <c>redis-server</c> for one test fixture: started on a free loopback port without persistence, stopped at the
/// end, and killable, pausable (SIGSTOP) and restartable on the same port for the fault tests. When redis-server is not
/// installed the test is skipped, except under CI (<c>.ci/run</c> installs it), where that is a failure.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _executable;
    private readonly string _directory;
    private Process? _process;
    private bool _paused;

    private RedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
        _directory = Directory.CreateTempSubdirectory("milady-redis-").FullName;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration for this server that reconnects quickly after a fault.</summary>
    public ConfigurationOptions Configuration(TimeSpan? connectTimeout = null)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, Port } },
            AbortOnConnectFail = false,
            AllowAdmin = true,
            ConnectTimeout = (int)(connectTimeout ?? TimeSpan.FromSeconds(2)).TotalMilliseconds,
            ReconnectRetryPolicy = new LinearRetry(250),
        };
        return options;
    }

    /// <summary>Starts a server on a free port (or the given one).</summary>
    public static RedisServer Start(int? port = null)
    {
        var server = new RedisServer(Executable(), port ?? FreePort());
        server.Run();
        return server;
    }

    /// <summary>Starts a server, or returns <see langword="null"/> where redis-server is not installed (never under CI).</summary>
    public static RedisServer? TryStart()
        => Find() is not null || IsCi ? Start() : null;

    /// <summary>A port nothing listens on (for a Redis that is absent).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Connects a multiplexer that does not fail when the server is down.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
        => await ConnectionMultiplexer.ConnectAsync(Configuration());

    /// <summary>Kills the server (SIGKILL): connections drop at once.</summary>
    public void Kill()
    {
        Resume();
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port, empty.</summary>
    public void Restart()
    {
        Kill();
        Run();
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers.</summary>
    public void Pause()
    {
        Signal(_process!.Id, "STOP");
        _paused = true;
    }

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public void Resume()
    {
        if (_paused && _process is { HasExited: false } process)
        {
            Signal(process.Id, "CONT");
        }

        _paused = false;
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_directory, recursive: true);
    }

    private void Run()
    {
        var start = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _directory, "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    private void WaitUntilReady()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.");
            }

            if (Pings())
            {
                return;
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {Port} within 10 s.");
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Under CI (or <c>.ci/run</c>, which sets <c>MILADY_REQUIRE_REDIS=1</c>) a missing redis-server is a failure.</summary>
    private static bool IsCi
        => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
           || Environment.GetEnvironmentVariable("MILADY_REQUIRE_REDIS") == "1";

    private static string? Find()
        => !OperatingSystem.IsLinux() ? null : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static string Executable()
    {
        if (Find() is { } found)
        {
            return found;
        }

        const string message = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        throw new UnreachableException();
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5_000);
    }
}
