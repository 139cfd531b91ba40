using System.Net;
using System.Text;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Tests.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>The inputs the long fuzz run found, kept as fixed cases: each once escaped as a non-SDK exception.</summary>
[Category("Fuzz")]
public class FuzzRegressionTests
{
    [TestCase("""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":null,"finish_reason":null}]}""")]
    [TestCase("""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[null]}""")]
    [TestCase("""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":null}""")]
    [TestCase("""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[null]},"finish_reason":null}]}""")]
    public void A_chat_chunk_with_a_null_where_a_value_is_promised_is_a_format_error(string chunk)
    {
        using var client = Streaming("data: " + chunk + "\n\n" + Done);

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => client.Chat.StreamAsync(ChatRequest()).ToCompletionAsync());
    }

    [Test]
    public void A_messages_event_whose_type_is_not_valid_UTF8_is_a_format_error()
    {
        var bytes = Encoding.UTF8.GetBytes("data: {\"type\":\"message_\u0001\"}\n\n").Select(b => b == 0x01 ? (byte)0xF0 : b).ToArray();
        using var client = Streaming(bytes);

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => client.Messages.StreamAsync("claude-sonnet-4-6", "Hi").ToMessageAsync());
    }

    [Test]
    public void A_malformed_messages_event_without_an_event_line_is_a_format_error()
    {
        using var client = Streaming("data: {\"type\n\n");

        Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => client.Messages.StreamAsync("claude-sonnet-4-6", "Hi").ToMessageAsync());
    }

    [TestCase("""{"error":"\ud800 broken","code":"x"}""")]
    [TestCase("""{"success":false,"error":"Too many requests","retryAfter":1e300}""")]
    [TestCase("""{"success":false,"error":"Too many requests","retryAfter":"1e300 hours"}""")]
    public void An_error_body_with_pathological_values_still_maps_by_status(string body)
    {
        var exception = ErrorResponseReader.Create(HttpStatusCode.TooManyRequests, body, secrets: new SecretScrubber(FakeApi.ApiKey));

        Assert.That(exception, Is.TypeOf<MiladyCloudRateLimitedException>());
    }

    [Test]
    public void A_hex_dump_of_the_upper_cased_key_starting_inside_a_longer_dump_is_masked()
    {
        // The long run mutated a chunk-extension dump so that the key's dump began in the middle of a byte group, where
        // the generic dump decoding could not see it.
        const string key = "eliza_5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7";
        var dump = BitConverter.ToString(Encoding.UTF8.GetBytes(key[6..].ToUpperInvariant()));
        FailingTransportHandler.Use([0x04, .. Encoding.UTF8.GetBytes($"Received an invalid chunk extension: '4C-49-5A-41-5F-35-45-43-32-45-3{dump}'.")]);
        using var client = new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = key, MaxRetries = 0 }, new FailingTransportHandler("application/json"));

        var outcome = Assert.ThrowsAsync<MiladyCloudConnectionException>(() => client.Chat.CreateAsync(ChatRequest()));

        Assert.That(outcome!.ToString(), Does.Not.Contain(dump));
    }

    private static MiladyCloudClient Streaming(string body) => Streaming(Encoding.UTF8.GetBytes(body));

    private static MiladyCloudClient Streaming(byte[] body)
    {
        PayloadHandler.Use(body);
        return new MiladyCloudClient(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, MaxRetries = 0, HoldWhenRateLimitExhausted = false }, new PayloadHandler("text/event-stream"));
    }
}
