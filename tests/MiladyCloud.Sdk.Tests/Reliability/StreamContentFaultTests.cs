using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>Odd but legal event streams over a real socket: skipped where the format says so, delivered whole otherwise.</summary>
[Category("Faults")]
public class StreamContentFaultTests
{
    [Test]
    public async Task Unknown_event_types_empty_data_lines_and_comments_are_skipped()
    {
        var body = ": keep-alive\n\n"
            + "event: usage_report\ndata: {\"tokens\":3}\n\n"
            + "data:\n\n"
            + "data: \n\n"
            + ChatChunk("Hi")
            + "event: heartbeat\n\n"
            + "retry: 1000\n\n"
            + Done;

        var received = await StreamAsync(body);

        Assert.That(received, Is.EqualTo(new[] { "Hi" }));
    }

    [Test]
    public async Task DONE_ends_a_chat_stream_even_when_an_event_name_precedes_it()
    {
        // System.Net.ServerSentEvents keeps an "event:" name that had no data for the next event, so [DONE] can arrive
        // under another name; it must still end the stream cleanly.
        var received = await StreamAsync(ChatChunk("Hi") + "event: heartbeat\n\n" + Done);

        Assert.That(received, Is.EqualTo(new[] { "Hi" }));
    }

    [Test]
    public async Task Unknown_messages_events_are_skipped_and_the_known_ones_delivered()
    {
        var body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
            + "event: thinking_budget\ndata: {\"type\":\"thinking_budget\",\"left\":3}\n\n"
            + "data: {\"type\":\"brand_new_event\"}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(body);
            c.Close();
        });
        using var client = Client(server);

        var events = await ReadAllAsync(client.Messages.StreamAsync("claude-sonnet-4-6", "Hi")).WaitAsync(HangBound);

        Assert.That(events.Select(e => e.GetType().Name), Is.EqualTo(new[] { "MessageStartEvent", "MessageStopEvent" }));
    }

    [Test]
    public async Task A_one_megabyte_event_arrives_whole()
    {
        var content = new string('x', 1024 * 1024);

        var received = await StreamAsync(ChatChunk(content) + Done);

        Assert.That(received.Single(), Has.Length.EqualTo(content.Length));
        Assert.That(received.Single(), Is.EqualTo(content));
    }

    [Test]
    public async Task A_malformed_event_is_a_format_error_after_the_items_already_delivered()
    {
        var received = new List<string?>();

        var outcome = await OutcomeAsync(StreamIntoAsync(ChatChunk("ok") + "data: {\"id\":\"c1\",\"choices\":[\n\n" + Done, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(received, Is.EqualTo(new[] { "ok" }));
    }

    private static async Task<List<string?>> StreamAsync(string body)
    {
        var received = new List<string?>();
        await StreamIntoAsync(body, received).WaitAsync(HangBound);
        return received;
    }

    private static async Task StreamIntoAsync(string body, List<string?> received)
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(body);
            c.Close();
        });
        using var client = Client(server);
        await ConnectionFaultTests.ReadContentAsync(client, received);
    }
}
