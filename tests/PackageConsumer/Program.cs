using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

// Only the three packages are referenced: DI, HTTP, resilience, Redis and the generated DTOs must all come with them.
// The fleet's Redis is the one ConsumerPackageTests started (MILADY_CONSUMER_REDIS), else an absent one: calls go on.
using var fake = MiladyCloudFakeServer.Start();
await using var redis = await ConnectionMultiplexer.ConnectAsync(
    Environment.GetEnvironmentVariable("MILADY_CONSUMER_REDIS") ?? "127.0.0.1:1,abortConnect=false,connectTimeout=200");
var services = new ServiceCollection();
services.AddMiladyCloud(options =>
{
    options.ApiKey = MiladyCloudFakeServer.ApiKey;
    options.BaseUrl = fake.CreateOptions().BaseUrl;
}).AddRedisRateLimits(redis);
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<MiladyCloudClient>();

var reply = await client.Chat.CreateAsync("openai/gpt-5.4", "hello from a package");
var models = await client.Models.ListAsync();
var user = await client.User.GetAsync();
Console.WriteLine($"REPLY: {reply.Choices[0].Message.Content}");
Console.WriteLine($"MODELS: {models.Data.Count}");
Console.WriteLine($"FLEET: {client.RateLimits.GetType().Name} connected={redis.IsConnected} remaining={client.RateLimits.Latest?.Remaining}");
