using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Streaming;

namespace MiladyCloud.Sdk.Tests.Responses;

/// <summary>Response streams: every event type, unknown events, endings, in-band errors, deadlines, cancellation, the wire.</summary>
public class ResponseStreamingTests
{
    private static CreateResponseRequest Request() => new() { Model = "anthropic/claude-sonnet-4.6", Input = "Hi" };

    [Test]
    public async Task The_translation_paths_transcript_yields_its_events_and_sends_stream_true()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Translated);
        harness.Body.End();
        var request = Request();

        var events = await ReadAllAsync(harness.Client.Responses.StreamAsync(request));

        Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[]
        {
            typeof(ResponseCreatedEvent), typeof(ResponseOutputItemAddedEvent), typeof(ResponseOutputTextDeltaEvent),
            typeof(ResponseOutputTextDeltaEvent), typeof(ResponseOutputItemDoneEvent), typeof(ResponseCompletedEvent),
        }));
        var sent = harness.Transport.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(((ResponseOutputTextDeltaEvent)events[2]).Delta, Is.EqualTo("Hello"));
            Assert.That(((ResponseCompletedEvent)events[^1]).Response.Usage!.TotalTokens, Is.EqualTo(15));
            Assert.That(request.Stream, Is.Null, "the caller's request object is not modified");
            Assert.That(sent.RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/responses"));
            Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(sent.Headers.Accept.Single().MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(harness.Transport.Bodies.Single(), Is.EqualTo("""{"model":"anthropic/claude-sonnet-4.6","input":"Hi","stream":true}"""));
        });
    }

    [Test]
    public async Task Every_event_type_of_the_native_path_is_typed_with_its_members()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Native());
        harness.Body.End();

        var stream = harness.Client.Responses.StreamAsync(Request());
        var events = await ReadAllAsync(stream);

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[]
        {
            "response.created", "response.in_progress", "response.output_item.added", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
            "response.output_item.done", "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.annotation.added", "response.output_text.done", "response.content_part.done", "response.content_part.added",
            "response.refusal.delta", "response.refusal.done", "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.completed",
        }));
        Assert.That(events.Where(e => e.GetType() == typeof(ResponseStreamEvent)), Is.Empty, "no event is left untyped");
        Assert.Multiple(() =>
        {
            Assert.That(events[1], Is.InstanceOf<ResponseInProgressEvent>());
            Assert.That(((ResponseOutputItemAddedEvent)events[2]).Item, Is.InstanceOf<ResponseReasoningItem>());
            Assert.That(((ResponseReasoningSummaryPartAddedEvent)events[3]).Part.Type, Is.EqualTo("summary_text"));
            Assert.That(((ResponseReasoningSummaryTextDeltaEvent)events[4]).Delta, Is.EqualTo("Thinking"));
            Assert.That(((ResponseReasoningSummaryTextDoneEvent)events[5]).Text, Is.EqualTo("Thinking."));
            Assert.That(((ResponseReasoningSummaryPartDoneEvent)events[6]).SummaryIndex, Is.Zero);
            Assert.That(((ResponseOutputItemDoneEvent)events[7]).Item, Is.InstanceOf<ResponseReasoningItem>());
            Assert.That(((ResponseContentPartAddedEvent)events[9]).Part, Is.InstanceOf<ResponseOutputText>());
            Assert.That(((ResponseOutputTextDeltaEvent)events[10]).SequenceNumber, Is.EqualTo(10));
            Assert.That(((ResponseOutputTextAnnotationAddedEvent)events[11]).Annotation.AdditionalProperties["url"].GetString(), Is.EqualTo("https://weather.example"));
            Assert.That(((ResponseOutputTextDoneEvent)events[12]).Text, Is.EqualTo("Sunny."));
            Assert.That(((ResponseContentPartDoneEvent)events[13]).Part, Is.InstanceOf<ResponseOutputText>());
            Assert.That(((ResponseContentPartAddedEvent)events[14]).Part, Is.InstanceOf<ResponseRefusal>());
            Assert.That(((ResponseRefusalDeltaEvent)events[15]).Delta, Is.EqualTo("No "));
            Assert.That(((ResponseRefusalDoneEvent)events[16]).Refusal, Is.EqualTo("No secrets."));
            Assert.That(((ResponseOutputItemAddedEvent)events[17]).Item, Is.InstanceOf<ResponseFunctionCall>());
            Assert.That(((ResponseFunctionCallArgumentsDeltaEvent)events[18]).ItemId, Is.EqualTo("fc_1"));
            Assert.That(((ResponseFunctionCallArgumentsDoneEvent)events[20]).Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            Assert.That(((ResponseCompletedEvent)events[21]).Response.Usage!.OutputTokensDetails!.ReasoningTokens, Is.EqualTo(2));
            Assert.That(stream.SkippedEventCount, Is.Zero);
        });
    }

    [Test]
    public async Task The_accumulator_builds_every_item_from_the_events_when_the_last_response_lists_no_output()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Native());
        harness.Body.End();

        var response = await harness.Client.Responses.StreamAsync(Request()).ToResponseAsync();

        Assert.That(response.Output, Has.Count.EqualTo(3));
        var reasoning = (ResponseReasoningItem)response.Output[0];
        var message = (ResponseOutputMessage)response.Output[1];
        var call = (ResponseFunctionCall)response.Output[2];
        Assert.Multiple(() =>
        {
            Assert.That(response.Id, Is.EqualTo("resp_1"));
            Assert.That(response.Status, Is.EqualTo(ResponseStatus.Completed));
            Assert.That(response.Usage!.TotalTokens, Is.EqualTo(29));
            Assert.That(reasoning.Summary!.Single().Text, Is.EqualTo("Thinking."), "the done item replaces what the deltas built");
            Assert.That(((ResponseOutputText)message.Content[0]).Text, Is.EqualTo("Sunny."));
            Assert.That(((ResponseRefusal)message.Content[1]).Refusal, Is.EqualTo("No secrets."));
            Assert.That(message.Id, Is.EqualTo("msg_1"));
            Assert.That(call.CallId, Is.EqualTo("call_1"));
            Assert.That(call.Name, Is.EqualTo("get_weather"));
            Assert.That(call.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            Assert.That(response.OutputText, Is.EqualTo("Sunny."));
        });
    }

    [Test]
    public void The_accumulator_joins_deltas_of_items_that_never_finished_and_keeps_the_snapshot()
    {
        var accumulator = new ResponseAccumulator();
        foreach (var streamEvent in Parse(
            """{"type":"response.created","response":{"id":"r","object":"response","created_at":1,"model":"m","status":"in_progress","output":[]}}""",
            """{"type":"response.output_item.added","output_index":0,"item":{"type":"message","id":"msg","role":"assistant","content":[]}}""",
            """{"type":"response.output_text.delta","item_id":"msg","output_index":0,"content_index":0,"delta":"Hel"}""",
            """{"type":"response.output_text.delta","item_id":"msg","output_index":0,"content_index":0,"delta":"lo"}""",
            """{"type":"response.output_item.added","output_index":1,"item":{"type":"function_call","call_id":"c","name":"f","arguments":""}}""",
            """{"type":"response.function_call_arguments.delta","item_id":"fc","output_index":1,"delta":"{}"}"""))
        {
            accumulator.Add(streamEvent);
        }

        var response = accumulator.ToResponse();

        Assert.Multiple(() =>
        {
            Assert.That(accumulator.Text, Is.EqualTo("Hello"));
            Assert.That(accumulator.EventCount, Is.EqualTo(6));
            Assert.That(accumulator.IsFinished, Is.False);
            Assert.That(response.Status, Is.EqualTo(ResponseStatus.InProgress));
            Assert.That(response.OutputText, Is.EqualTo("Hello"));
            Assert.That(((ResponseFunctionCall)response.Output[1]).Arguments, Is.EqualTo("{}"));
        });
    }

    [Test]
    public async Task Unknown_event_types_are_skipped_and_counted_never_fatal()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Event("response.web_search_call.searching", """{"type":"response.web_search_call.searching","item_id":"ws","output_index":0}"""));
        harness.Body.Write("data: {\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"x\"}\n\n");
        harness.Body.Write("data: {\"no\":\"type\"}\n\n");
        harness.Body.Write(": keep-alive\n\n");
        harness.Body.Write(ResponseTranscripts.Completed);
        harness.Body.End();

        var stream = harness.Client.Responses.StreamAsync(Request());
        var events = await ReadAllAsync(stream);

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "response.output_text.delta", "response.completed" }));
        Assert.That(stream.SkippedEventCount, Is.EqualTo(2), "the unknown type and the event without one; a comment is not an event");
    }

    [Test]
    public void A_stream_cut_before_its_terminal_event_is_incomplete()
    {
        using var harness = new StreamingHarness();
        var text = ResponseTranscripts.Translated;
        harness.Body.Write(text[..text.IndexOf("data: {\"type\":\"response.completed\"", StringComparison.Ordinal)]);
        harness.Body.End();

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => harness.Client.Responses.StreamAsync(Request()).ToResponseAsync());

        Assert.That(ex!.ItemsReceived, Is.EqualTo(5));
    }

    [Test]
    public async Task The_terminal_event_ends_the_stream_and_nothing_after_it_is_read()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Completed + "data: [DONE]\n\n" + "data: {\"type\":\"response.output_text.delta\"}\n\n");

        var events = await ReadAllAsync(harness.Client.Responses.StreamAsync(Request()));

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(harness.Body.Disposed, Is.True, "the body is closed at the terminal event, without waiting for more");
    }

    [TestCase("response.failed", "failed")]
    [TestCase("response.incomplete", "incomplete")]
    public async Task A_failed_or_incomplete_response_is_a_clean_end_that_carries_its_status(string terminal, string status)
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Native(terminal));
        harness.Body.End();

        var response = await harness.Client.Responses.StreamAsync(Request()).ToResponseAsync();

        Assert.That(response.Status.Value, Is.EqualTo(status));
        if (status == "failed")
        {
            Assert.That(response.Error!.Message, Is.EqualTo("The model failed"));
        }
        else
        {
            Assert.That(response.IncompleteDetails!.Reason, Is.EqualTo("max_output_tokens"));
        }
    }

    [TestCase("""{"type":"error","sequence_number":3,"code":"rate_limit_exceeded","message":"Slow down","param":null}""", typeof(MiladyCloudRateLimitedException), "rate_limit_exceeded")]
    [TestCase("""{"type":"error","sequence_number":3,"code":"server_error","message":"Slow down","param":null}""", typeof(MiladyCloudInternalServerErrorException), "server_error")]
    [TestCase("""{"type":"error","error":{"type":"invalid_request_error","code":"bad_input","message":"Slow down"}}""", typeof(MiladyCloudInvalidRequestException), "bad_input")]
    public void An_error_event_throws_the_typed_exception_after_the_events_already_yielded(string error, Type expected, string code)
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Translated[..ResponseTranscripts.Translated.IndexOf("data: {\"type\":\"response.output_text.delta\"", StringComparison.Ordinal)]);
        harness.Body.Write(ResponseTranscripts.Event("error", error));
        harness.Body.Write(ResponseTranscripts.Completed);
        harness.Body.End();
        var received = 0;

        var ex = Assert.CatchAsync<MiladyCloudApiException>(async () =>
        {
            await foreach (var _ in harness.Client.Responses.StreamAsync(Request()))
            {
                received++;
            }
        });

        Assert.That(ex, Is.InstanceOf(expected));
        Assert.That(ex!.ServerCode, Is.EqualTo(code));
        Assert.That(ex.ServerMessage, Is.EqualTo("Slow down"));
        Assert.That(received, Is.EqualTo(2));
    }

    [Test]
    public void A_credential_the_server_echoes_in_an_error_event_is_masked()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Event("error", $$"""{"type":"error","code":"server_error","message":"bad key {{Infrastructure.FakeApi.ApiKey}}"}"""));
        harness.Body.End();

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => harness.Client.Responses.StreamAsync(Request()).ToResponseAsync());

        Assert.That(ex!.Message + ex.RawBody + ex.ServerMessage, Does.Not.Contain(Infrastructure.FakeApi.ApiKey));
    }

    [Test]
    public void An_event_with_a_null_response_is_a_format_error()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write("data: {\"type\":\"response.created\",\"response\":null}\n\n");
        harness.Body.End();

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => harness.Client.Responses.StreamAsync(Request()).ToResponseAsync());
    }

    [Test]
    public void An_error_status_throws_the_typed_exception_before_any_event()
    {
        using var harness = new StreamingHarness(status: System.Net.HttpStatusCode.PaymentRequired,
            errorBody: """{"error":{"message":"Insufficient balance. Required: $0.02","type":"insufficient_quota","code":"insufficient_balance"}}""");

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => harness.Client.Responses.StreamAsync(Request()).ToResponseAsync());

        Assert.That(ex!.ServerCode, Is.EqualTo("insufficient_balance"));
    }

    [Test]
    public async Task No_first_event_within_the_limit_is_a_first_event_timeout()
    {
        using var harness = new StreamingHarness(configure: o => o.StreamFirstEventTimeout = TimeSpan.FromSeconds(30));
        var reading = Task.Run(() => harness.Client.Responses.StreamAsync(Request()).ToResponseAsync());

        for (var i = 0; i < 600 && !reading.IsCompleted; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var ex = Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => reading);
        Assert.That(ex!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.FirstStreamEvent));
    }

    [Test]
    public async Task Cancelling_mid_stream_stops_at_once_and_closes_the_body()
    {
        using var harness = new StreamingHarness();
        harness.Body.Write(ResponseTranscripts.Translated[..ResponseTranscripts.Translated.IndexOf("data: {\"type\":\"response.output_item.added\"", StringComparison.Ordinal)]);
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in harness.Client.Responses.StreamAsync(Request(), cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(received, Is.EqualTo(1));
        Assert.That(harness.Body.Disposed, Is.True);
    }

    private static IEnumerable<ResponseStreamEvent> Parse(params string[] events)
        => events.Select(json => JsonSerializer.Deserialize(json, MiladyCloudJsonContext.Default.ResponseStreamEvent)!);

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
