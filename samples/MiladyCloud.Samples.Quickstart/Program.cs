using System.Text.Json;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;

// Quickstart: with MILADY_CLOUD_API_KEY set it calls the real service; without it, it only shows the
// request it would send (the in-process fake of the service arrives with the MiladyCloud.Sdk.Testing package).
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");

var request = new ChatCompletionRequest
{
    Model = "openai/gpt-5.4",
    Messages = [new ChatMessage { Role = ChatRole.User, Content = "Say hello in five words." }],
    Temperature = 0.2,
};

if (string.IsNullOrWhiteSpace(apiKey))
{
    Console.WriteLine("No MILADY_CLOUD_API_KEY set: nothing is sent. This is the request the SDK would POST to /chat/completions:");
    Console.WriteLine(JsonSerializer.Serialize(request, MiladyCloudJsonContext.Default.ChatCompletionRequest));
    return 0;
}

using var client = new MiladyCloudClient(apiKey);
var models = await client.Models.ListAsync();
Console.WriteLine($"The service offers {models.Data.Count} models; the first is {models.Data.FirstOrDefault()?.Id}.");
return 0;
