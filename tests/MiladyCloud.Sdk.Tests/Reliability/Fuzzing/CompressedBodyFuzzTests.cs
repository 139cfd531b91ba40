using System.Net;
using CsCheck;
using JsonContext = MiladyCloud.Sdk.Models.MiladyCloudJsonContext;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using MiladyCloud.Sdk.Tests.Streaming;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// Compressed answers through the whole pipeline, as the socket handler decodes them: valid (every encoding, every
/// payload), corrupt (the compressed bytes mutated) and decompression bombs (many gzip members of one byte, or one
/// brotli stream). A valid compressed answer gives exactly what the same answer sent uncompressed gives (the same
/// result, or the same API error for an error body). For the others the outcomes allowed are a result or a
/// <see cref="MiladyCloudException"/>, never the decoder's own exception or a hang; a bomb ends within the memory bound,
/// in <see cref="MiladyCloudResponseTooLargeException"/> as soon as what it decodes to would have to be held.
/// </summary>
[Category("Fuzz")]
public class CompressedBodyFuzzTests
{
    /// <summary>MaxResponseBytes for the bombs: far below what they decode to.</summary>
    private const int Limit = 64 * 1024;

    private static readonly string[] JsonPayloads = [Completion, ModelList, """{"error":{"message":"boom","type":"api_error"}}"""];

    private static readonly string[] StreamPayloads = [Transcripts.Chat, ChatChunk("a") + ChatChunk("b") + Done];

    [Test]
    public async Task Valid_compressed_answers_decode_to_the_same_result_as_plain_ones()
    {
        using var ok = InMemoryClient("application/json");
        using var failing = InMemoryClient("application/json", HttpStatusCode.BadRequest);
        using var stream = InMemoryClient("text/event-stream");
        ValidCase[] cases =
        [
            new(ModelList, async () => Json(await ok.Models.ListAsync(useCache: false), JsonContext.Default.ModelList)),
            new(Completion, async () => Json(await ok.Chat.CreateAsync(ChatRequest()), JsonContext.Default.ChatCompletion)),
            new(StreamPayloads[0], async () => Json(await stream.Chat.StreamAsync(ChatRequest()).ToCompletionAsync(), JsonContext.Default.ChatCompletion)),
            new(StreamPayloads[1], async () => Json(await stream.Chat.StreamAsync(ChatRequest()).ToCompletionAsync(), JsonContext.Default.ChatCompletion)),
            new(JsonPayloads[2], () => ErrorAsync(() => failing.Models.ListAsync(useCache: false))),
        ];
        // The case's index, then the handler's input: the encoding's index and the payload compressed with it.
        var inputs = Gen.Select(Gen.Int[0, 2], Gen.Int[0, cases.Length - 1], (encoding, index) =>
            (byte[])[(byte)index, .. Input(CompressedPayloadHandler.Encodings[encoding], cases[index].Payload)]);

        await FuzzRunner.RunAsync(inputs, async input =>
        {
            var valid = cases[input[0]];
            CompressedPayloadHandler.Use(CompressedPayloadHandler.Plain(System.Text.Encoding.UTF8.GetBytes(valid.Payload)));
            var plain = await valid.Outcome();
            CompressedPayloadHandler.Use(input[1..]);
            var decoded = await valid.Outcome();

            Assert.That(decoded, Is.EqualTo(plain), $"{CompressedPayloadHandler.Encodings[input[1]]} body decoded to another outcome than the same body sent plain");
        }, ciIterations: 60);
    }

    [Test]
    public async Task Corrupt_compressed_JSON_answers_are_a_result_or_an_SDK_error()
    {
        using var client = InMemoryClient("application/json");
        using var failing = InMemoryClient("application/json", HttpStatusCode.TooManyRequests);

        await FuzzRunner.RunAsync(Corrupted(JsonPayloads), async input =>
        {
            CompressedPayloadHandler.Use(input);
            await ResultOrSdkErrorAsync(() => client.Chat.CreateAsync(ChatRequest()));
            await ResultOrSdkErrorAsync(() => failing.Models.ListAsync(useCache: false));
        }, ciIterations: 600);
    }

    [Test]
    public async Task Corrupt_compressed_streams_are_a_result_or_an_SDK_error()
    {
        using var client = InMemoryClient("text/event-stream");

        await FuzzRunner.RunAsync(Corrupted(StreamPayloads), input =>
        {
            CompressedPayloadHandler.Use(input);
            return ResultOrSdkErrorAsync(() => client.Chat.StreamAsync(ChatRequest()).ToCompletionAsync());
        }, ciIterations: 600);
    }

    [Test]
    public async Task Decompression_bombs_stop_at_the_limit_within_the_memory_bound()
    {
        using var json = InMemoryClient("application/json", limit: Limit);
        using var stream = InMemoryClient("text/event-stream", limit: Limit);
        var bombs = Gen.Select(Gen.Int[0, 3], Gen.Int[2, 24], Gen.Char['a', 'z'], Bomb);

        await FuzzRunner.RunAsync(bombs, async input =>
        {
            CompressedPayloadHandler.Use(input);
            foreach (var (call, factor) in new (Func<Task>, int)[] { (() => json.Chat.CreateAsync(ChatRequest()), 1), (() => stream.Chat.StreamAsync(ChatRequest()).ToCompletionAsync(), 2) })
            {
                var (outcome, peak) = await MemoryMeter.MeasureAsync(async () =>
                {
                    try
                    {
                        await call();
                        return null;
                    }
                    catch (Exception ex)
                    {
                        return ex;
                    }
                });
                // A stream whose bytes never form a data line holds nothing, so it runs to its end without a [DONE].
                Assert.That(outcome, factor == 1 ? Is.TypeOf<MiladyCloudResponseTooLargeException>() : Is.TypeOf<MiladyCloudResponseTooLargeException>().Or.TypeOf<MiladyCloudStreamIncompleteException>());
                Assert.That(peak, Is.LessThan((factor * Limit) + (2 * 1024 * 1024)), "managed memory beyond the documented bound");
            }
        }, ciIterations: 40, oneAtATime: true);
    }

    private static MiladyCloudClient InMemoryClient(string mediaType, HttpStatusCode status = HttpStatusCode.OK, int? limit = null)
        => new(new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, MaxRetries = 0, HoldWhenRateLimitExhausted = false, MaxResponseBytes = limit ?? (256L * 1024 * 1024) }, new CompressedPayloadHandler(mediaType, status));

    private static byte[] Input(string encoding, string payload) => CompressedPayloadHandler.Input(encoding, Payloads.Compress(payload, encoding));

    /// <summary>A payload compressed, then its compressed bytes (not the encoding selector) mutated.</summary>
    private static Gen<byte[]> Corrupted(string[] payloads)
        => Gen.Select(Gen.Int[0, 2], Gen.Int[0, payloads.Length - 1], Gen.Int[0, int.MaxValue].Array[4, 16], (encoding, payload, steps) =>
        {
            var name = CompressedPayloadHandler.Encodings[encoding];
            return CompressedPayloadHandler.Input(name, Mutations.Apply(Payloads.Compress(payloads[payload], name), steps));
        });

    /// <summary>
    /// Kind 0–2: gzip members of 1 MiB each (spaces, a letter, or a stream event that never ends); kind 3: one brotli
    /// stream of 16 MiB. Either way far more than <see cref="Limit"/> once decoded.
    /// </summary>
    private static byte[] Bomb(int kind, int members, char fill)
    {
        if (kind == 3)
        {
            return CompressedPayloadHandler.Input("br", Payloads.Member("br", ' ', 16));
        }

        var prefix = kind == 2 ? Payloads.Compress("data: {\"x\":\"", "gzip") : [];
        var member = Payloads.Member("gzip", kind == 0 ? ' ' : fill, 1);
        var body = new byte[prefix.Length + (members * member.Length)];
        prefix.CopyTo(body, 0);
        for (var i = 0; i < members; i++)
        {
            member.CopyTo(body, prefix.Length + (i * member.Length));
        }

        return CompressedPayloadHandler.Input("gzip", body);
    }

    /// <summary>A result as the JSON it serializes to: two results are the same when their JSON is.</summary>
    private static string Json<T>(T result, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) => System.Text.Json.JsonSerializer.Serialize(result, info);

    /// <summary>What a call that must fail reports: its type and every fact the caller reads. Anything but an API error fails the property.</summary>
    private static async Task<string> ErrorAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (MiladyCloudApiException error)
        {
            return string.Join("|", error.GetType().Name, (int)error.StatusCode, error.Message, error.RawBody, error.ServerMessage, error.ServerType, error.ErrorCode.Value);
        }

        Assert.Fail("the error answer was returned as a result");
        return string.Empty;
    }

    /// <summary>A valid payload and the call it answers; the outcome is compared, so a success must succeed (any exception fails the property).</summary>
    private sealed record ValidCase(string Payload, Func<Task<string>> Outcome);

    private static async Task ResultOrSdkErrorAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (MiladyCloudException ex)
        {
            Assert.That(ex.ToString().Contains(FakeApi.ApiKey[6..], StringComparison.OrdinalIgnoreCase), Is.False);
        }
    }
}
