using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Streaming;

namespace MiladyCloud.Sdk.Tests.Chat;

/// <summary>Chat completion streams: framing, endings, errors, timeouts, cancellation and what went over the wire.</summary>
public class ChatStreamingTests
{
    private static ChatCompletionRequest Request() => new() { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = "Hi" }] };

    [Test]
    public async Task The_servers_transcript_yields_its_chunks_and_adds_up_to_the_completion()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Chat);
        harness.Body.End();
        var request = Request();

        var chunks = await ReadAllAsync(harness.Client.Chat.StreamAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(chunks.Select(c => c.Choices[0].Delta.Content), Is.EqualTo(new[] { "Hello", "! How can I help?", null }));
            Assert.That(chunks[^1].Choices[0].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(request.Stream, Is.Null, "the caller's request object is not modified");
        });
        var sent = harness.Transport.Requests.Single();
        var body = JsonDocument.Parse(harness.Transport.Bodies.Single()!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(sent.RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/chat/completions"));
            Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(sent.Headers.Accept.Single().MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(sent.Headers.Authorization!.ToString(), Is.EqualTo("Bearer " + Infrastructure.FakeApi.ApiKey));
            Assert.That(body.GetRawText(), Is.EqualTo("""{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Hi"}],"stream":true}"""));
        });
    }

    [Test]
    public async Task ToCompletionAsync_returns_what_the_non_streaming_call_would()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.Chat);
        harness.Body.End();
        var stream = harness.Client.Chat.StreamAsync("openai/gpt-5.4", "Hi");

        var completion = await stream.ToCompletionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(completion.Id, Is.EqualTo("chatcmpl-1714230000123"));
            Assert.That(completion.Model, Is.EqualTo("openai/gpt-5.4"));
            Assert.That(completion.Choices.Single().Message.Content, Is.EqualTo("Hello! How can I help?"));
            Assert.That(completion.Choices[0].Message.Role, Is.EqualTo(ChatRole.Assistant));
            Assert.That(completion.Choices[0].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(stream.RateLimit!.Remaining, Is.EqualTo(41));
        });
    }

    [Test]
    public async Task Bytes_split_anywhere_and_CRLF_line_endings_give_the_same_chunks()
    {
        using var harness = new StreamingHarness();
        var text = Transcripts.Chat.Replace("\n", "\r\n", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i += 7)
        {
            harness.Body.Write(text.Substring(i, Math.Min(7, text.Length - i)));
        }

        harness.Body.End();

        var completion = await harness.Client.Chat.StreamAsync(Request()).ToCompletionAsync();

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("Hello! How can I help?"));
    }

    [Test]
    public async Task Multi_line_data_is_joined_and_comments_and_unknown_events_are_skipped()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(": keep-alive\n\n");
        harness.Body.Write("event: telemetry\ndata: {\"not\":\"a chunk\"}\n\n");
        harness.Body.Write("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\n");
        harness.Body.Write("data: \"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"joined\"},\"finish_reason\":null}]}\n\n");
        harness.Body.Write("data:\n\n");
        harness.Body.Write("data: [DONE]\n\n");
        harness.Body.End();

        var chunks = await ReadAllAsync(harness.Client.Chat.StreamAsync(Request()));

        Assert.That(chunks.Select(c => c.Choices[0].Delta.Content), Is.EqualTo(new[] { "joined" }));
    }

    [Test]
    public async Task DONE_ends_the_stream_and_nothing_after_it_is_read()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("a") + "data: [DONE]\n\n" + Transcripts.ChatChunk("ignored"));

        var chunks = await ReadAllAsync(harness.Client.Chat.StreamAsync(Request()));

        Assert.That(chunks, Has.Count.EqualTo(1));
        Assert.That(harness.Body.Disposed, Is.True, "the body is closed at the end marker, without waiting for more");
    }

    [Test]
    public void An_error_status_throws_the_typed_exception_before_any_item()
    {
        using var harness = new StreamingHarness(status: System.Net.HttpStatusCode.Unauthorized,
            errorBody: """{"error":{"message":"Invalid or expired API key","type":"authentication_error"}}""");
        var received = 0;

        Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(async () =>
        {
            await foreach (var _ in harness.Client.Chat.StreamAsync(Request()))
            {
                received++;
            }
        });
        Assert.That(received, Is.Zero);
    }

    [Test]
    public async Task An_error_data_frame_throws_after_the_items_already_yielded()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("Sure"));
        harness.Body.Write("data: {\"error\":{\"message\":\"Stream interrupted. Credits refunded.\",\"type\":\"api_error\",\"code\":\"stream_error\"}}\n\n");
        harness.Body.Write("data: [DONE]\n\n");
        harness.Body.End();
        var received = new List<ChatCompletionChunk>();

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(async () =>
        {
            await foreach (var chunk in harness.Client.Chat.StreamAsync(Request()))
            {
                received.Add(chunk);
            }
        });

        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(ex!.ServerCode, Is.EqualTo("stream_error"));
        Assert.That(ex.ServerMessage, Is.EqualTo("Stream interrupted. Credits refunded."));
        await Task.CompletedTask;
    }

    [Test]
    public void A_stream_that_ends_without_DONE_is_incomplete_not_a_clean_finish()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("Hel") + Transcripts.ChatChunk("lo"));
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => harness.Client.Chat.StreamAsync(Request()).ToCompletionAsync());

        Assert.That(ex!.ItemsReceived, Is.EqualTo(2));
    }

    [Test]
    public void A_connection_broken_mid_body_is_incomplete_with_the_transport_error_inside()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("Hel"));
        harness.Body.Break();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => ReadAllAsync(harness.Client.Chat.StreamAsync(Request())));

        Assert.That(ex!.ItemsReceived, Is.EqualTo(1));
        Assert.That(ex.InnerException, Is.InstanceOf<IOException>());
    }

    [Test]
    public async Task Cancelling_mid_stream_stops_at_once_and_closes_the_body()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("first"));
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in harness.Client.Chat.StreamAsync(Request(), cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(received, Is.EqualTo(1));
        Assert.That(harness.Body.Disposed, Is.True);
    }

    [Test]
    public async Task Breaking_out_early_closes_the_body()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(Transcripts.ChatChunk("a") + Transcripts.ChatChunk("b"));

        await foreach (var _ in harness.Client.Chat.StreamAsync(Request()))
        {
            break;
        }

        Assert.That(harness.Body.Disposed, Is.True);
    }

    [Test]
    public async Task No_first_event_within_its_deadline_is_a_first_event_timeout()
    {
        using var harness = new StreamingHarness(configure: o => o.StreamFirstEventTimeout = TimeSpan.FromSeconds(30));
        var reading = ReadAllAsync(harness.Client.Chat.StreamAsync(Request()));

        await AdvanceUntilDoneAsync(harness, reading, TimeSpan.FromSeconds(1));

        var ex = Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => reading);
        Assert.That(ex!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.FirstStreamEvent));
        Assert.That(ex.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(harness.Clock.GetUtcNow() - new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task Silence_between_events_longer_than_the_idle_limit_is_an_idle_timeout()
    {
        using var harness = new StreamingHarness(configure: o => o.StreamIdleTimeout = TimeSpan.FromSeconds(10));
        harness.Body.Write(Transcripts.ChatChunk("a"));
        var received = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in harness.Client.Chat.StreamAsync(Request()))
            {
                received++;
            }
        });

        await AdvanceUntilDoneAsync(harness, reading, TimeSpan.FromSeconds(1));

        var ex = Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => reading);
        Assert.That(ex!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.StreamIdle));
        Assert.That(received, Is.EqualTo(1));
    }

    [Test]
    public async Task Time_the_caller_spends_between_items_is_not_counted_as_silence()
    {
        using var harness = new StreamingHarness(configure: o => o.StreamIdleTimeout = TimeSpan.FromSeconds(10));
        harness.Body.Write(Transcripts.ChatChunk("a"));
        await using var items = harness.Client.Chat.StreamAsync(Request()).GetAsyncEnumerator();

        Assert.That(await items.MoveNextAsync(), Is.True);
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        harness.Body.Write(Transcripts.ChatChunk("b") + "data: [DONE]\n\n");

        Assert.That(await items.MoveNextAsync(), Is.True);
        Assert.That(items.Current.Choices[0].Delta.Content, Is.EqualTo("b"));
        Assert.That(await items.MoveNextAsync(), Is.False);
    }

    [Test]
    public async Task A_very_long_stream_is_read_incrementally_never_buffered_whole()
    {
        const int events = 10_000;
        var body = new ControlledStream(Enumerable.Range(0, events).Select(i => Transcripts.ChatChunk("x")).Append("data: [DONE]\n\n"));
        using var harness = new StreamingHarness(body);
        var received = 0;
        var maxLead = 0;

        await foreach (var _ in harness.Client.Chat.StreamAsync(Request()))
        {
            received++;
            maxLead = Math.Max(maxLead, body.Produced - received);
        }

        Assert.That(received, Is.EqualTo(events));
        Assert.That(maxLead, Is.LessThan(64), "the reader must not run ahead of the caller by more than a buffer");
    }

    [Test]
    public async Task Tool_call_deltas_spread_over_chunks_and_interleaved_by_index_are_assembled_per_call()
    {
        using var harness = new StreamingHarness();
        static string ToolDelta(int index, string? id, string? name, string args)
            => "data: " + JsonSerializer.Serialize(new ChatCompletionChunk
            {
                Id = "c", Object = "chat.completion.chunk", Created = 1, Model = "m",
                Choices = [new ChatChunkChoice { Index = 0, Delta = new ChatDelta { ToolCalls = [new ChatToolCallDelta { Index = index, Id = id, Type = id is null ? null : "function", Function = new ChatFunctionCallDelta { Name = name, Arguments = args } }] } }],
            }, MiladyCloudJsonContext.Default.ChatCompletionChunk) + "\n\n";

        harness.Body.Write(ToolDelta(0, "call_a", "get_weather", ""));
        harness.Body.Write(ToolDelta(1, "call_b", "get_time", "{\"tz\":"));
        harness.Body.Write(ToolDelta(0, null, null, "{\"city\":"));
        harness.Body.Write(ToolDelta(1, null, null, "\"CET\"}"));
        harness.Body.Write(ToolDelta(0, null, null, "\"Paris\"}"));
        harness.Body.Write("""data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""" + "\n\ndata: [DONE]\n\n");
        harness.Body.End();

        var completion = await harness.Client.Chat.StreamAsync(Request()).ToCompletionAsync();

        var calls = completion.Choices[0].Message.ToolCalls!;
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => (c.Id, c.Function.Name, c.Function.Arguments)), Is.EqualTo(new[]
            {
                ("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                ("call_b", "get_time", "{\"tz\":\"CET\"}"),
            }));
            Assert.That(completion.Choices[0].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(completion.Choices[0].Message.Content, Is.Null);
            Assert.That(completion.Usage!.TotalTokens, Is.EqualTo(12));
        });
    }

    [Test]
    public void A_stream_can_be_enumerated_only_once()
    {
        using var harness = new StreamingHarness();
        var stream = harness.Client.Chat.StreamAsync(Request());
        _ = stream.GetAsyncEnumerator();

        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }

    private static async Task AdvanceUntilDoneAsync(StreamingHarness harness, Task reading, TimeSpan step)
    {
        for (var i = 0; i < 600 && !reading.IsCompleted; i++)
        {
            harness.Clock.Advance(step);
            await Task.Delay(5);
        }
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> stream)
    {
        var items = new List<T>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        return items;
    }
}
