using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;
using StackExchange.Redis;

// Several workers share one API key's rate-limit budget through Redis (MiladyCloud.Sdk.Redis). Each worker has its own
// client and its own Redis connection, as separate processes of a fleet would; the only thing they share is Redis.
// Without MILADY_CLOUD_API_KEY it runs against the built-in fake, whose windows are shortened fivefold (a minute is
// twelve seconds) so the fleet goes through a window and a half in moments; shorter windows would make a busy machine's
// scheduling delays a sizeable part of a window. Redis: MILADY_REDIS (a StackExchange.Redis
// configuration string), else a redis-server the sample starts on a free loopback port.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set): each worker makes only a few calls."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");
if (fake is not null)
{
    fake.Replies.RateLimitWindowScale = 0.2;
}

using var localRedis = Environment.GetEnvironmentVariable("MILADY_REDIS") is { Length: > 0 } ? null : LocalRedis.TryStart();
var redisConfiguration = Environment.GetEnvironmentVariable("MILADY_REDIS") is { Length: > 0 } given ? given : localRedis?.Configuration;
if (redisConfiguration is null)
{
    Console.WriteLine("No Redis: set MILADY_REDIS (for example localhost:6379) or install redis-server.");
    return 1;
}

const int Workers = 4;
var runFor = fake is null ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(18);
var callsEach = fake is null ? 5 : int.MaxValue;
Console.WriteLine($"{Workers} workers share one budget through Redis ({(localRedis is null ? "MILADY_REDIS" : "a redis-server started by this sample")}); each calls GET /user as fast as its client lets it for {runFor.TotalSeconds:0} s.");

// The one line per worker: UseRedisRateLimits (with dependency injection: AddMiladyCloud(...).AddRedisRateLimits(redis)).
var connections = new List<ConnectionMultiplexer>();
var clients = new List<MiladyCloudClient>();
for (var i = 0; i < Workers; i++)
{
    var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
    connections.Add(redis);
    var options = fake?.CreateOptions() ?? new MiladyCloudClientOptions { ApiKey = apiKey };
    // The default CommandTimeout (250 ms) suits a Redis next to the service; this sample also runs on busy CI machines,
    // where a slower answer would make a worker pace alone for a while, so it allows more.
    var client = new MiladyCloudClient(options.UseRedisRateLimits(redis, fleet => fleet.CommandTimeout = TimeSpan.FromSeconds(3)));
    // A first call opens the connection, so the counted calls all travel about as fast, and (against the fake) its
    // answer's reset teaches the client the shortened window.
    await client.User.GetAsync();
    clients.Add(client);
}

using var stop = new CancellationTokenSource(runFor);
var counts = await Task.WhenAll(clients.Select(client => WorkAsync(client, callsEach, stop.Token)));
for (var i = 0; i < Workers; i++)
{
    Console.WriteLine($"  worker {i + 1}: {counts[i]} calls answered");
}

Console.WriteLine($"All workers: {counts.Sum()} calls in {runFor.TotalSeconds:0} s; the preset allows 60 per window ({(fake is null ? "60 s" : "12 s here")}).");
if (fake is not null)
{
    Console.WriteLine($"429s from the server: {fake.RateLimitRefusals}");
}

Console.WriteLine($"Latest report the fleet shares: {clients[0].RateLimits.Latest?.Remaining?.ToString() ?? "n/a"} calls left, policy {clients[0].RateLimits.Latest?.Policy ?? "n/a"}.");
foreach (var client in clients)
{
    client.Dispose();
}

foreach (var connection in connections)
{
    await connection.DisposeAsync();
}

Console.WriteLine("Done.");
return 0;

static async Task<int> WorkAsync(MiladyCloudClient client, int calls, CancellationToken stop)
{
    var answered = 0;
    try
    {
        while (answered < calls)
        {
            // Held by the fleet's state when the key's budget is used up: the call waits instead of being refused.
            await client.User.GetAsync(stop);
            answered++;
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // Time is up; a call still waiting for its turn is simply not made.
    }

    return answered;
}
