using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// Only the two packages are referenced: DI, HTTP, resilience and the generated DTOs must all come with them.
using var fake = MiladyCloudFakeServer.Start();
var services = new ServiceCollection();
services.AddMiladyCloud(options =>
{
    options.ApiKey = MiladyCloudFakeServer.ApiKey;
    options.BaseUrl = fake.CreateOptions().BaseUrl;
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<MiladyCloudClient>();

var reply = await client.Chat.CreateAsync("openai/gpt-5.4", "hello from a package");
var models = await client.Models.ListAsync();
Console.WriteLine($"REPLY: {reply.Choices[0].Message.Content}");
Console.WriteLine($"MODELS: {models.Data.Count}");
