using System.Text.Json;
using Microsoft.Extensions.AI;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>
/// The abstractions' own function-invoking client drives a whole tool loop through the messages IChatClient: the model
/// asks for a tool, the tool runs, and the second request carries the <c>tool_use</c>/<c>tool_result</c> pair.
/// </summary>
public class MessagesFunctionInvocationContractTests
{
    private const string SecondRequestMessages =
        """[{"role":"user","content":"Weather in Paris?"},""" +
        """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_ID","name":"get_weather","input":{"city":"Paris","days":2}}]},""" +
        """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_ID","content":"sunny for 2 days"}]}]""";

    [Test]
    public async Task The_tool_loop_completes_without_streaming()
    {
        using var api = new FakeApi();
        MessagesAiScript.ToolLoop(api, MessagesAiScript.ToolUseMessage, MessagesAiScript.TextMessage, "application/json");
        var invoked = new List<(string City, int Days)>();
        using var chat = Invoking(api);

        var response = await chat.GetResponseAsync("Weather in Paris?", Options(invoked));

        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        Assert.That(response.Text, Does.EndWith("Sunny in Paris."));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        var second = SecondRequest(api);
        Assert.That(second.GetProperty("messages").GetRawText(), Is.EqualTo(
            SecondRequestMessages.Replace("""{"role":"assistant","content":[""", """{"role":"assistant","content":[{"type":"text","text":"Let me check."},""", StringComparison.Ordinal)
                .Replace("toolu_ID", "toolu_1", StringComparison.Ordinal)));
        Assert.That(second.GetProperty("tools")[0].GetProperty("name").GetString(), Is.EqualTo("get_weather"));
    }

    [Test]
    public async Task The_tool_loop_completes_while_streaming()
    {
        using var api = new FakeApi();
        MessagesAiScript.ToolLoop(api, MessagesAiScript.ToolUseStream(), MessagesAiScript.TextStream("Sunny ", "in Paris."), "text/event-stream");
        var invoked = new List<(string City, int Days)>();
        using var chat = Invoking(api);

        var response = await chat.GetStreamingResponseAsync("Weather in Paris?", Options(invoked)).ToChatResponseAsync();

        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        Assert.That(response.Text, Does.EndWith("Sunny in Paris."));
        var second = SecondRequest(api);
        Assert.That(second.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(second.GetProperty("messages").GetRawText(), Is.EqualTo(SecondRequestMessages.Replace("toolu_ID", "toolu_9", StringComparison.Ordinal)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_tool_loop_runs_against_the_in_process_fake_of_the_service(bool streaming)
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Replies.ToolInput = JsonDocument.Parse("""{"city":"Paris","days":2}""").RootElement;
        using var client = fake.CreateClient();
        using var chat = new ChatClientBuilder(client.Messages.AsChatClient(MessagesAiScript.Model)).UseFunctionInvocation().Build();
        var invoked = new List<(string City, int Days)>();

        var response = streaming
            ? await chat.GetStreamingResponseAsync("Weather in Paris?", Options(invoked)).ToChatResponseAsync()
            : await chat.GetResponseAsync("Weather in Paris?", Options(invoked));

        Assert.That(invoked, Is.EqualTo(new[] { ("Paris", 2) }));
        Assert.That(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count(), Is.EqualTo(1));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
        var messages = fake.Requests[1].Json!.Value.GetProperty("messages");
        var toolUse = messages[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        var toolResult = messages[2].GetProperty("content")[0];
        Assert.That(toolResult.GetProperty("type").GetString(), Is.EqualTo("tool_result"));
        Assert.That(toolResult.GetProperty("tool_use_id").GetString(), Is.EqualTo(toolUse.GetProperty("id").GetString()));
        Assert.That(toolResult.GetProperty("content").GetString(), Is.EqualTo("sunny for 2 days"));
    }

    private static JsonElement SecondRequest(FakeApi api)
    {
        var entries = api.Server.LogEntries.ToList();
        Assert.That(entries, Has.Count.EqualTo(2));
        return JsonDocument.Parse(entries[1].RequestMessage!.Body!).RootElement;
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
        => new ChatClientBuilder(api.Client.Messages.AsChatClient(MessagesAiScript.Model)).UseFunctionInvocation().Build();
}
