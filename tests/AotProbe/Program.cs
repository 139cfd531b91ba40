using System.Net;
using System.Text;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// Runs the SDK's main paths as native code against canned answers: JSON, SSE, errors, DI and Microsoft.Extensions.AI.
var options = new MiladyCloudClientOptions { ApiKey = "eliza_" + new string('a', 64), MaxRetries = 0 };
using var client = new MiladyCloudClient(new HttpClient(new CannedHandler()), options);

var completion = await client.Chat.CreateAsync("openai/gpt-5.4", "hi");
Console.WriteLine($"chat: {completion.Choices[0].Message.Content}");

var streamed = await client.Chat.StreamAsync("openai/gpt-5.4", "hi").ToCompletionAsync();
Console.WriteLine($"stream: {streamed.Choices[0].Message.Content}");

var response = await client.Chat.AsChatClient("openai/gpt-5.4").GetResponseAsync("hi");
Console.WriteLine($"ichatclient: {response.Text} ({response.Usage?.TotalTokenCount} tokens)");

try
{
    await client.Chat.CreateAsync("error/model", "hi");
}
catch (MiladyCloudInsufficientCreditsException ex)
{
    Console.WriteLine($"error: {ex.GetType().Name} {(int)ex.StatusCode}");
}

var services = new ServiceCollection();
services.AddMiladyCloud(o => { o.ApiKey = options.ApiKey; o.BaseUrl = new Uri("http://127.0.0.1:9/api/v1/"); o.MaxRetries = 0; });
await using var provider = services.BuildServiceProvider();
try
{
    await provider.GetRequiredService<MiladyCloudClient>().Models.ListAsync();
}
catch (MiladyCloudConnectionException)
{
    Console.WriteLine("di: connection refused, typed");
}

internal sealed class CannedHandler : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        if (body.Contains("error/model", StringComparison.Ordinal))
        {
            return Answer(HttpStatusCode.PaymentRequired, "application/json", """{"error":{"message":"Insufficient credits","type":"insufficient_quota","code":"insufficient_credits"}}""");
        }

        if (body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            return Answer(HttpStatusCode.OK, "text/event-stream",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"openai/gpt-5.4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n" +
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"openai/gpt-5.4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n" +
                "data: [DONE]\n\n");
        }

        return Answer(HttpStatusCode.OK, "application/json",
            """{"id":"c0","object":"chat.completion","created":1,"model":"openai/gpt-5.4","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""");
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string contentType, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
