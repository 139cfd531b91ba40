using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>
/// The abstractions' own function-invoking client drives a whole tool loop through our IChatClient: the model asks
/// for a tool, Microsoft.Extensions.AI runs it, and the result must reach the second request as a "tool" message.
/// </summary>
public class FunctionInvocationContractTests
{
    [Test]
    public async Task The_tool_loop_completes_without_streaming()
    {
        using var api = new FakeApi();
        AiScript.ToolLoop(api, AiScript.ToolCallCompletion, AiScript.TextCompletion, "application/json");
        var invoked = new List<(string City, int Days)>();
        using var chat = Invoking(api);

        var response = await chat.GetResponseAsync("Weather in Paris?", Options(invoked));

        Assert.That(response.Text, Is.EqualTo("Sunny in Paris."));
        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        AssertSecondRequestCarriesTheResult(api, "call_1");
    }

    [Test]
    public async Task The_tool_loop_completes_while_streaming()
    {
        using var api = new FakeApi();
        AiScript.ToolLoop(api, AiScript.ToolCallStream(), AiScript.TextStream("Sunny ", "in Paris."), "text/event-stream");
        var invoked = new List<(string City, int Days)>();
        using var chat = Invoking(api);

        var response = await chat.GetStreamingResponseAsync("Weather in Paris?", Options(invoked)).ToChatResponseAsync();

        Assert.That(response.Text, Does.EndWith("Sunny in Paris."));
        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        AssertSecondRequestCarriesTheResult(api, "call_9");
    }

    private static ChatOptions Options(List<(string City, int Days)> invoked) => new()
    {
        Tools =
        [
            AIFunctionFactory.Create(
                (string city, int days) =>
                {
                    invoked.Add((city, days));
                    return $"sunny for {days} days";
                },
                "get_weather",
                "Weather for a city."),
        ],
    };

    private static IChatClient Invoking(FakeApi api)
        => new ChatClientBuilder(api.Client.Chat.AsChatClient(AiScript.Model)).UseFunctionInvocation().Build();

    private static void AssertSecondRequestCarriesTheResult(FakeApi api, string callId)
    {
        var bodies = api.Server.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement).ToList();
        Assert.That(bodies, Has.Count.EqualTo(2));
        var messages = bodies[1].GetProperty("messages").EnumerateArray().ToList();
        Assert.That(messages.Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "user", "assistant", "tool" }));
        var call = messages[1].GetProperty("tool_calls")[0];
        Assert.That(call.GetProperty("id").GetString(), Is.EqualTo(callId));
        Assert.That(call.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement;
        Assert.That(arguments.GetProperty("city").GetString(), Is.EqualTo("Paris"));
        Assert.That(messages[2].GetProperty("tool_call_id").GetString(), Is.EqualTo(callId));
        Assert.That(messages[2].GetProperty("content").GetString(), Is.EqualTo("sunny for 2 days"));
    }
}
