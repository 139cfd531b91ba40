using System.Text.Json;
using Microsoft.Extensions.AI;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Streaming;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary>Streaming through <c>client.Messages.AsChatClient()</c>: every event mapped, tool calls whole, endings, cancellation.</summary>
public class MessagesChatClientStreamingTests
{
    [Test]
    public async Task Every_event_is_one_update_and_the_tool_call_comes_whole_when_its_block_stops()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages);
        harness.Body.End();

        var updates = await ReadAllAsync(harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("Weather in Paris?"));

        Assert.That(updates.Select(u => u.RawRepresentation!.GetType()), Is.EqualTo(new[]
        {
            typeof(Models.MessageStartEvent), typeof(Models.PingEvent), typeof(Models.ContentBlockStartEvent), typeof(Models.ContentBlockDeltaEvent), typeof(Models.ContentBlockStopEvent),
            typeof(Models.ContentBlockStartEvent), typeof(Models.ContentBlockDeltaEvent), typeof(Models.ContentBlockDeltaEvent), typeof(Models.ContentBlockStopEvent),
            typeof(Models.MessageDeltaEvent), typeof(Models.MessageStopEvent),
        }));
        Assert.That(updates[3].Text, Is.EqualTo("Let me check the weather."));
        var calls = updates.Select((u, i) => (Index: i, Calls: u.Contents.OfType<FunctionCallContent>().ToList())).Where(x => x.Calls.Count > 0).ToList();
        Assert.That(calls, Has.Count.EqualTo(1), "a tool call is emitted once, complete, not per fragment");
        Assert.That(calls[0].Index, Is.EqualTo(8), "with the content_block_stop of its block");
        var call = calls[0].Calls.Single();
        Assert.That((call.CallId, call.Name), Is.EqualTo(("toolu_01A", "get_weather")));
        Assert.That(((JsonElement)call.Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));
        Assert.That(updates[9].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(updates.All(u => u.MessageId == "msg_3f9a1c0d2b7e4a5f8c6d1e2f" && u.ResponseId == u.MessageId && u.ModelId == "claude-sonnet-4-6"), Is.True);
        Assert.That(updates.All(u => u.CreatedAt == harness.Clock.GetUtcNow() && u.Role == ChatRole.Assistant), Is.True);

        var response = updates.ToChatResponse();
        Assert.That(response.Text, Is.EqualTo("Let me check the weather."));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That((response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount), Is.EqualTo((412L, 38L, 450L)));
        var sent = JsonDocument.Parse(harness.Transport.Bodies.Single()!).RootElement;
        Assert.That(sent.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(sent.GetProperty("max_tokens").GetInt32(), Is.EqualTo(1024));
    }

    [Test]
    public async Task Text_arrives_piece_by_piece()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(MessagesAiScript.TextStream("Sun", "ny in ", "Paris."));
        harness.Body.End();

        var updates = await ReadAllAsync(harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("Weather?"));

        Assert.That(updates.Select(u => u.Text).Where(t => t.Length > 0), Is.EqualTo(new[] { "Sun", "ny in ", "Paris." }));
        Assert.That(updates.ToChatResponse().FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public async Task Tool_input_that_does_not_parse_once_joined_carries_the_error_on_the_call()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(MessagesAiScript.ToolUseStream().Replace("\\\"days\\\":2}", "oops", StringComparison.Ordinal));
        harness.Body.End();

        var updates = await ReadAllAsync(harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("Weather?"));

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.That(call.Exception, Is.Not.Null, "the function-invoking layer reports it to the model, as for chat completions");
    }

    [Test]
    public async Task A_tool_block_without_deltas_keeps_the_input_of_its_start()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n" +
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"now\",\"input\":{\"zone\":\"UTC\"}}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        harness.Body.End();

        var updates = await ReadAllAsync(harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("Time?"));

        var call = updates[^1].Contents.OfType<FunctionCallContent>().Single();
        Assert.That(((JsonElement)call.Arguments!["zone"]!).GetString(), Is.EqualTo("UTC"), "a block never stopped is emitted at message_stop");
    }

    [Test]
    public void An_error_event_surfaces_unchanged_after_the_updates_already_yielded()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.MessagesFailure);
        harness.Body.End();
        var received = new List<ChatResponseUpdate>();

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(async () =>
        {
            await foreach (var update in harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("hi"))
            {
                received.Add(update);
            }
        });

        Assert.That(received, Has.Count.EqualTo(2));
        Assert.That(ex!.ServerMessage, Is.EqualTo("provider exploded"));
    }

    [Test]
    public void A_stream_without_message_stop_surfaces_as_incomplete()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages[..Transcripts.Messages.IndexOf("event: message_delta", StringComparison.Ordinal)]);
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("hi").ToChatResponseAsync());

        Assert.That(ex!.ItemsReceived, Is.EqualTo(9));
    }

    [Test]
    public void Cancelling_mid_stream_stops_at_once_and_closes_the_body()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages[..Transcripts.Messages.IndexOf("event: content_block_stop", StringComparison.Ordinal)]);
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("hi", cancellationToken: cancellation.Token))
            {
                if (++received == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(received, Is.EqualTo(2));
        Assert.That(harness.Body.Disposed, Is.True);
    }

    [Test]
    public async Task Breaking_out_early_closes_the_body()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Messages[..Transcripts.Messages.IndexOf("event: content_block_stop", StringComparison.Ordinal)]);

        await foreach (var _ in harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("hi"))
        {
            break;
        }

        Assert.That(harness.Body.Disposed, Is.True);
    }

    [Test]
    public void Unsupported_options_are_refused_before_the_stream_opens()
    {
        using var harness = new StreamingHarness();

        Assert.ThrowsAsync<NotSupportedException>(() => harness.Client.Messages.AsChatClient("claude-sonnet-4-6").GetStreamingResponseAsync("hi", new ChatOptions { Seed = 1 }).ToChatResponseAsync());

        Assert.That(harness.Transport.Requests, Is.Empty);
    }

    private static async Task<List<ChatResponseUpdate>> ReadAllAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
