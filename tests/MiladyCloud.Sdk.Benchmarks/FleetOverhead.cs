using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using MiladyCloud.Sdk.Redis;
using MiladyCloud.Sdk.Testing;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Benchmarks;

/// <summary>
/// What MiladyCloud.Sdk.Redis adds to one call: the same GET /user (a limited route) through two clients, one with the
/// local tracker and one with the fleet's tracker on a Redis over loopback, answered in memory (no sockets to the API)
/// with the server's rate-limit headers, alternating call by call so load hits both alike. Reports the median and p99
/// of each and their differences. Redis: the configuration given, else a redis-server started here (no persistence).
/// </summary>
internal static class FleetOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        using var local = args.Length > 1 ? null : RedisProcess.Start();
        var configuration = args.Length > 1 ? args[1] : $"127.0.0.1:{local!.Port},abortConnect=false";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        var body = await UserAnswerAsync().ConfigureAwait(false);

        using var plain = Client(body, tracker: null);
        using var fleet = Client(body, new RedisRateLimitTracker(redis, "eliza_bench_" + Guid.NewGuid().ToString("N"), new RedisRateLimitOptions { CommandTimeout = TimeSpan.FromSeconds(5) }));
        var warmUp = Math.Min(2_000, calls);
        await MeasureAsync(plain, fleet, warmUp).ConfigureAwait(false);
        var (withoutRedis, withRedis) = await MeasureAsync(plain, fleet, calls).ConfigureAwait(false);

        // Proof that the fleet's client went through Redis all along (and never fell back): its log holds every call.
        var logged = 0L;
        foreach (var key in redis.GetServers()[0].Keys(pattern: "miladycloud:rl:*:log"))
        {
            logged += await redis.GetDatabase().SortedSetLengthAsync(key).ConfigureAwait(false);
        }

        Console.WriteLine($"GET /user, {calls:N0} calls each, alternating; Redis {redis.GetServers()[0].Version} at {configuration.Split(',')[0]}; {logged:N0} calls in the fleet's log");
        Console.WriteLine("| client | median µs | p99 µs |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| local tracker | {Percentile(withoutRedis, 0.5):F0} | {Percentile(withoutRedis, 0.99):F0} |");
        Console.WriteLine($"| RedisRateLimitTracker | {Percentile(withRedis, 0.5):F0} | {Percentile(withRedis, 0.99):F0} |");
        Console.WriteLine($"| added by Redis | {Percentile(withRedis, 0.5) - Percentile(withoutRedis, 0.5):F0} | {Percentile(withRedis, 0.99) - Percentile(withoutRedis, 0.99):F0} |");
        return 0;
    }

    private static async Task<(double[] Plain, double[] Fleet)> MeasureAsync(MiladyCloudClient plain, MiladyCloudClient fleet, int calls)
    {
        var (a, b) = (new double[calls], new double[calls]);
        for (var i = 0; i < calls; i++)
        {
            // Alternate which goes first, so neither always runs on the warmer cache.
            var (first, second, firstTimes, secondTimes) = i % 2 == 0 ? (plain, fleet, a, b) : (fleet, plain, b, a);
            firstTimes[i] = await TimeAsync(first).ConfigureAwait(false);
            secondTimes[i] = await TimeAsync(second).ConfigureAwait(false);
        }

        return (a, b);
    }

    private static async Task<double> TimeAsync(MiladyCloudClient client)
    {
        var start = Stopwatch.GetTimestamp();
        await client.User.GetAsync().ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static MiladyCloudClient Client(byte[] body, RateLimitTracker? tracker)
        => new(new HttpClient(new LimitedHandler(body)), new MiladyCloudClientOptions { ApiKey = "eliza_bench", BaseUrl = new Uri("http://127.0.0.1:1/api/v1/"), RateLimits = tracker });

    /// <summary>A real GET /user answer, taken once from the fake.</summary>
    private static async Task<byte[]> UserAnswerAsync()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-API-Key", MiladyCloudFakeServer.ApiKey);
        return await http.GetByteArrayAsync(new Uri(fake.BaseUrl, "user")).ConfigureAwait(false);
    }

    /// <summary>A redis-server on a free loopback port, without persistence, killed when disposed.</summary>
    private sealed class RedisProcess(Process process, int port) : IDisposable
    {
        public int Port => port;

        public static RedisProcess Start()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var start = new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true };
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            WaitUntilListening(port);
            return new RedisProcess(process, port);
        }

        /// <summary>The client connects once the server listens; on a busy machine its start may take seconds.</summary>
        private static void WaitUntilListening(int port)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var client = new System.Net.Sockets.TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (System.Net.Sockets.SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    Thread.Sleep(20);
                }
            }
        }

        public void Dispose()
        {
            process.Kill();
            process.WaitForExit(5_000);
            process.Dispose();
        }
    }

    /// <summary>
    /// Answers in memory like the service's limiter with a large preset (so nothing is ever held): a sliding minute,
    /// and the limit, remaining and reset headers of the <c>redis</c> policy.
    /// </summary>
    private sealed class LimitedHandler(byte[] body) : HttpMessageHandler
    {
        private const int Limit = 10_000_000;
        private readonly Queue<DateTimeOffset> _calls = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            int count;
            lock (_calls)
            {
                while (_calls.TryPeek(out var oldest) && oldest <= now.AddMinutes(-1))
                {
                    _calls.Dequeue();
                }

                count = _calls.Count;
                _calls.Enqueue(now);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response.Headers.Add("X-RateLimit-Limit", Limit.ToString(CultureInfo.InvariantCulture));
            response.Headers.Add("X-RateLimit-Remaining", (Limit - count - 1).ToString(CultureInfo.InvariantCulture));
            response.Headers.Add("X-RateLimit-Reset", now.AddMinutes(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            response.Headers.Add("X-RateLimit-Policy", "redis");
            return Task.FromResult(response);
        }
    }
}
