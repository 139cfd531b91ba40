using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>
/// The abstractions' own function-invoking client drives a tool loop through the chat-completions IChatClient. The
/// service never forwards tools on <c>/chat/completions</c> and answers 500 to the tool result that would follow, so if
/// a (non-conforming) server asks for a tool, the tool runs and the second request is refused before it is sent, with
/// a message that points to <c>client.Messages</c>.
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

        var error = Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("Weather in Paris?", Options(invoked)));

        Assert.That(error!.Message, Does.Contain("client.Messages"));
        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1), "the tool result is never sent to be refused");
    }

    [Test]
    public async Task The_tool_loop_completes_while_streaming()
    {
        using var api = new FakeApi();
        AiScript.ToolLoop(api, AiScript.ToolCallStream(), AiScript.TextStream("Sunny ", "in Paris."), "text/event-stream");
        var invoked = new List<(string City, int Days)>();
        using var chat = Invoking(api);

        var error = Assert.ThrowsAsync<ArgumentException>(() => chat.GetStreamingResponseAsync("Weather in Paris?", Options(invoked)).ToChatResponseAsync());

        Assert.That(error!.Message, Does.Contain("client.Messages"));
        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1), "the tool result is never sent to be refused");
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
}
