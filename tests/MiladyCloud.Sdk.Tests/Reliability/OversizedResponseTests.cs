using System.Text;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability;

/// <summary>
/// Answers larger than anything the API sends, from a broken proxy, a compromised endpoint or a corrupt cache: each
/// ends at <see cref="MiladyCloudClientOptions.MaxResponseBytes"/> (counted after decompression) in a
/// <see cref="MiladyCloudResponseTooLargeException"/>, or, for an error body, in the typed error built from its start.
/// <see cref="MemoryBoundTests"/> checks the memory each of them costs.
/// </summary>
[Category("Faults")]
public class OversizedResponseTests
{
    private const int Limit = HostileCases.Limit;

    [Test]
    public async Task A_declared_length_of_2_GB_with_a_short_body_is_a_cut_connection_not_OutOfMemory()
    {
        using var server = Serving("a 200 declaring 2 GB that sends 50 bytes");
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudConnectionException>());
        Assert.That(outcome!.Message, Does.Contain("broke while the response"));
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task A_body_of_exactly_MaxResponseBytes_is_read_and_one_byte_more_is_refused(int excess)
    {
        const int limit = 64 * 1024;
        var body = Padded(limit + excess);
        using var server = ResponseFaultTests.Answering(200, body);
        using var client = Client(server, o => o.MaxResponseBytes = limit);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        if (excess == 0)
        {
            Assert.That(outcome, Is.Null);
            return;
        }

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
        var tooLarge = (MiladyCloudResponseTooLargeException)outcome!;
        Assert.That(tooLarge.LimitName, Is.EqualTo("MaxResponseBytes"));
        Assert.That(tooLarge.Limit, Is.EqualTo(limit));
        Assert.That(tooLarge.Message, Does.Contain("MaxResponseBytes").And.Contain("65,536"));
    }

    [TestCase("a gzip bomb (JSON)")]
    [TestCase("a brotli bomb (JSON)")]
    public async Task A_decompression_bomb_is_refused_at_the_limit_counted_after_decompression(string hostile)
    {
        using var server = Serving(hostile);
        using var client = Client(server, o => o.MaxResponseBytes = Limit);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
        Assert.That(outcome!.Message, Does.Contain("after decompression"));
    }

    [TestCase("a 64 MiB string field, chunked")]
    [TestCase("a 64 MiB string field with its length")]
    public async Task A_string_field_far_beyond_the_limit_is_refused_not_returned(string hostile)
    {
        using var server = Serving(hostile);
        using var client = Client(server, o => o.MaxResponseBytes = Limit);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
    }

    [Test]
    public void The_default_limit_is_256_MiB_and_a_limit_below_4_KiB_is_refused()
    {
        Assert.That(new MiladyCloudClientOptions().MaxResponseBytes, Is.EqualTo(256L * 1024 * 1024));
        Assert.That(new MiladyCloudClientOptions { ApiKey = "k", MaxResponseBytes = 100 }.Validate, Throws.InvalidOperationException.With.Message.Contains("MaxResponseBytes"));
    }

    [Test]
    public async Task An_error_body_far_beyond_the_limit_is_mapped_from_its_start()
    {
        using var server = Serving("a 400 with a 64 MiB body");
        using var client = Client(server, o => o.MaxResponseBytes = Limit);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudInvalidRequestException>());
        var error = (MiladyCloudInvalidRequestException)outcome!;
        Assert.That(error.RawBody, Has.Length.EqualTo(64 * 1024));
        Assert.That(error.RawBody, Does.StartWith("{\"error\":\"xxxx"));
    }

    [Test]
    public async Task A_stream_event_beyond_the_limit_fails_after_the_events_before_it()
    {
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("ok") + Payloads.ChunkHead);
            await c.WriteRepeatedAsync(Payloads.Block('x'), 8L * Limit);
            await c.WriteAsync(Payloads.ChunkTail + Done);
            c.Close();
        });
        using var client = Client(server, o => o.MaxResponseBytes = Limit);
        var received = new List<string?>();

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
        Assert.That(outcome!.Message, Does.Contain("event of the chat completion stream"));
        Assert.That(received, Is.EqualTo(new[] { "ok" }));
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task A_stream_event_of_exactly_the_limit_is_delivered_and_one_byte_more_is_refused(int excess)
    {
        const int limit = 64 * 1024;
        var chunk = ChatChunk("x");
        var data = chunk["data: ".Length..^2];
        var padded = ChatChunk(new string('x', 1 + limit + excess - data.Length));
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(padded + Done);
            c.Close();
        });
        using var client = Client(server, o => o.MaxResponseBytes = limit);
        var received = new List<string?>();

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, received));

        Assert.That(outcome, excess == 0 ? Is.Null : Is.TypeOf<MiladyCloudResponseTooLargeException>());
        Assert.That(received, Has.Count.EqualTo(1 - excess));
    }

    [TestCase("a gzip bomb stream event")]
    [TestCase("a stream event of 64 MiB in many data lines")]
    public async Task A_stream_event_that_grows_past_the_limit_is_refused(string hostile)
    {
        using var server = Serving(hostile);
        using var client = Client(server, o => o.MaxResponseBytes = Limit);

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, []));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseTooLargeException>());
    }

    [TestCase("a 64 MiB comment line, then a good stream")]
    [TestCase("a 64 MiB event name, then a good stream")]
    public async Task Lines_that_are_never_kept_cost_nothing_and_the_stream_goes_on(string hostile)
    {
        using var server = Serving(hostile);
        using var client = Client(server, o => o.MaxResponseBytes = Limit);
        var received = new List<string?>();

        await ConnectionFaultTests.ReadContentAsync(client, received).WaitAsync(HangBound);

        Assert.That(received, Is.EqualTo(new[] { "ok" }));
    }

    [Test]
    public async Task A_format_error_quotes_at_most_64K_characters_of_the_body()
    {
        var body = "{\"id\":" + new string('x', 1024 * 1024);
        using var server = ResponseFaultTests.Answering(200, body);
        using var client = Client(server);

        var outcome = await OutcomeAsync(client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        var format = (MiladyCloudResponseFormatException)outcome!;
        Assert.That(format.RawBody, Is.EqualTo(body[..(64 * 1024)]));
        Assert.That(format.Message, Has.Length.LessThan(1024));
    }

    [Test]
    public async Task A_malformed_stream_event_quotes_at_most_64K_characters()
    {
        var received = new List<string?>();
        using var server = new RawServer(async c =>
        {
            await c.ReadRequestAsync();
            await c.StartEventStreamAsync();
            await c.WriteAsync(ChatChunk("ok") + "data: {\"id\":" + new string('x', 512 * 1024) + "\n\n" + Done);
            c.Close();
        });
        using var client = Client(server);

        var outcome = await OutcomeAsync(ConnectionFaultTests.ReadContentAsync(client, received));

        Assert.That(outcome, Is.TypeOf<MiladyCloudResponseFormatException>());
        Assert.That(((MiladyCloudResponseFormatException)outcome!).RawBody, Has.Length.EqualTo(64 * 1024));
        Assert.That(received, Is.EqualTo(new[] { "ok" }));
    }

    private static RawServer Serving(string hostile) => new(HostileCases.All.Single(c => c.Name == hostile).Answer);

    /// <summary>A valid chat completion of exactly <paramref name="size"/> bytes.</summary>
    private static string Padded(int size)
    {
        var empty = Payloads.CompletionHead + Payloads.CompletionTail;
        var body = Payloads.CompletionHead + new string('x', size - empty.Length) + Payloads.CompletionTail;
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.EqualTo(size));
        return body;
    }
}
