using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake speaks the real wire formats; checked with a plain HttpClient and SseParser.</summary>
public class FakeServerTests
{
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        _fake = MiladyCloudFakeServer.Start(_clock);
        _http = new HttpClient { BaseAddress = _fake.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MiladyCloudFakeServer.ApiKey);
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task A_chat_completion_echoes_the_user_and_carries_rate_limit_headers()
    {
        using var response = await PostAsync("chat/completions", """{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"hi there"}]}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
            Assert.That(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Does.EndWith("You said: hi there"));
            Assert.That(body.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
            Assert.That(response.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("199"));
            Assert.That(response.Headers.GetValues("X-RateLimit-Reset").Single(), Is.EqualTo("2026-11-28T12:01:00.000Z"));
            Assert.That(_fake.Requests.Single().Json!.Value.GetProperty("model").GetString(), Is.EqualTo("openai/gpt-5.4"));
            Assert.That(_fake.Requests.Single().ToString(), Is.EqualTo("POST /api/v1/chat/completions"));
        });
    }

    [Test]
    public async Task A_chat_stream_has_no_role_chunk_a_stop_chunk_and_DONE()
    {
        var items = await ReadSseAsync("chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}""");

        Assert.That(items[^1].Data, Is.EqualTo("[DONE]"));
        var chunks = items.SkipLast(1).Select(i => JsonDocument.Parse(i.Data).RootElement).ToList();
        var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("Hello from the local MiladyCloud fake! You said: x"));
            Assert.That(chunks[0].GetProperty("choices")[0].GetProperty("delta").TryGetProperty("role", out _), Is.False);
            Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
            Assert.That(chunks.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_messages_stream_with_tools_calls_the_first_tool_with_input_from_its_schema()
    {
        const string request = """
            {"model":"claude-sonnet-4-6","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
            """;

        var items = await ReadSseAsync("messages", request);

        var names = items.Select(i => i.EventType).ToList();
        Assert.That(names[..2], Is.EqualTo(new[] { "message_start", "ping" }));
        Assert.That(names[^2..], Is.EqualTo(new[] { "message_delta", "message_stop" }));
        var partialJson = string.Concat(items.Where(i => i.Data.Contains("input_json_delta", StringComparison.Ordinal))
            .Select(i => JsonDocument.Parse(i.Data).RootElement.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.That(partialJson, Is.EqualTo("""{"city":"example"}"""));
        Assert.That(items.Single(i => i.EventType == "message_delta").Data, Does.Contain("\"stop_reason\":\"tool_use\""));
    }

    [Test]
    public async Task After_a_tool_result_messages_answer_with_text()
    {
        using var response = await PostAsync("messages", """
            {"model":"m","max_tokens":10,"tools":[{"name":"t","input_schema":{}}],
             "messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_fake_01","name":"t","input":{}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_fake_01","content":"18C"}]}]}
            """);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        Assert.That(body.GetProperty("content").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Requests_without_the_key_get_401_in_the_route_envelope()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_wrong");

        using var chat = await PostAsync("chat/completions", """{"model":"m","messages":[]}""");
        using var messages = await PostAsync("messages", """{"model":"m","max_tokens":1,"messages":[]}""");

        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await chat.Content.ReadAsStringAsync(), Is.EqualTo("""{"error":{"message":"Invalid or expired API key","type":"authentication_error"}}"""));
        Assert.That(await messages.Content.ReadAsStringAsync(), Is.EqualTo("""{"type":"error","error":{"type":"authentication_error","message":"Invalid or expired API key"}}"""));
    }

    [Test]
    public async Task A_queued_rate_limit_is_answered_once_with_every_delay_form()
    {
        _fake.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(7)));

        using var limited = await PostAsync("embeddings", """{"model":"m","input":"a"}""");
        using var next = await PostAsync("embeddings", """{"model":"m","input":"a"}""");

        var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(limited.Headers.GetValues("X-RateLimit-Reset").Single(), Is.EqualTo("2026-11-28T12:00:07.000Z"));
            Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("rate_limit_exceeded"));
            Assert.That(body.GetProperty("retryAfter").GetInt32(), Is.EqualTo(7));
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Insufficient_credits_arrive_as_each_route_sends_them()
    {
        _fake.Faults.Enqueue(FakeFault.InsufficientCredits(), "/messages").Enqueue(FakeFault.InsufficientCredits(), "/chat/completions");

        using var messages = await PostAsync("messages", """{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}]}""");
        using var chat = await PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"x"}]}""");

        Assert.That(messages.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await messages.Content.ReadAsStringAsync(), Does.Contain("\"type\":\"rate_limit_error\"").And.Contain("Insufficient credits"));
        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        Assert.That(await chat.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"insufficient_credits\""));
    }

    [Test]
    public async Task A_proxy_502_is_an_html_page()
    {
        _fake.Faults.Enqueue(FakeFault.HtmlBadGateway());

        using var response = await _http.GetAsync("models");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task A_cut_stream_ends_without_its_marker_and_an_error_stream_ends_with_an_error_event()
    {
        _fake.Faults.Enqueue(FakeFault.StreamCut(2), "/chat/completions").Enqueue(FakeFault.StreamError(3), "/messages");

        var cut = await ReadSseAsync("chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}""");
        var failed = await ReadSseAsync("messages", """{"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"x"}]}""");

        Assert.That(cut, Has.Count.EqualTo(2));
        Assert.That(cut.Select(i => i.Data), Has.None.EqualTo("[DONE]"));
        Assert.That(failed.Select(i => i.EventType), Is.EqualTo(new[] { "message_start", "ping", "content_block_start", "error" }));
        Assert.That(failed[^1].Data, Does.Contain("\"type\":\"api_error\""));
    }

    [Test]
    public async Task An_exhausted_window_answers_429_until_the_fake_clock_passes_its_reset()
    {
        _fake.Faults.ExhaustWindowAfter(2, TimeSpan.FromSeconds(30));
        const string body = """{"model":"m","input":"a"}""";

        using var first = await PostAsync("embeddings", body);
        using var second = await PostAsync("embeddings", body);
        using var third = await PostAsync("embeddings", body);
        _clock.Advance(TimeSpan.FromSeconds(31));
        using var fourth = await PostAsync("embeddings", body);

        Assert.Multiple(() =>
        {
            Assert.That(second.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("0"));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(third.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(fourth.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(fourth.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("1"));
        });
    }

    [Test]
    public void A_truncated_body_reaches_the_sdk_as_a_format_error_with_the_raw_text()
    {
        using var client = _fake.CreateClient(o => o.MaxRetries = 0);
        _fake.Faults.Enqueue(FakeFault.TruncatedBody());

        var ex = Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => client.Models.ListAsync());

        Assert.That(ex!.RawBody, Is.EqualTo("{\"partial\":"));
    }

    [Test]
    public async Task A_stalled_stream_keeps_the_connection_open_after_its_events()
    {
        _fake.Faults.Enqueue(FakeFault.StreamStall(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = Json("""{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}""") };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var patience = new CancellationTokenSource();
        await using var events = SseParser.Create(stream).EnumerateAsync(patience.Token).GetAsyncEnumerator();

        Assert.That(await events.MoveNextAsync(), Is.True);
        patience.CancelAfter(TimeSpan.FromMilliseconds(300));
        Assert.That(async () => await events.MoveNextAsync(), Throws.InstanceOf<OperationCanceledException>(), "no second event may arrive while stalled");
    }

    [Test]
    public async Task The_sdk_reads_the_fake_catalog()
    {
        using var client = _fake.CreateClient();

        var models = await client.Models.ListAsync();
        var one = await client.Models.GetAsync("openai/gpt-5.4");
        var status = await client.Models.GetStatusAsync(["openai/gpt-5.4", "acme/none"]);

        Assert.That(models.Data.Select(m => m.Id), Does.Contain("anthropic/claude-sonnet-4.6"));
        Assert.That(one.OwnedBy, Is.EqualTo("openai"));
        Assert.That(status.Models.Select(m => m.Available), Is.EqualTo(new[] { true, false }));
        Assert.That(_fake.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/models", "/api/v1/models/openai/gpt-5.4", "/api/v1/models/status" }));
    }

    [Test]
    public async Task Embeddings_are_deterministic_unit_vectors_in_input_order()
    {
        using var a = await PostAsync("embeddings", """{"model":"m","input":["cat","dog"]}""");
        using var b = await PostAsync("embeddings", """{"model":"m","input":"dog"}""");

        var first = JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        var second = JsonDocument.Parse(await b.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        var dog = first[1].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.That(second[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()), Is.EqualTo(dog));
        Assert.That(Math.Sqrt(dog.Sum(x => (double)x * x)), Is.EqualTo(1.0).Within(1e-4));
        Assert.That(first[1].GetProperty("index").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Generated_images_are_base64_data_urls_of_the_configured_bytes()
    {
        using var response = await PostAsync("generate-image", """{"prompt":"a cat","numImages":2}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var dataUrl = body.GetProperty("images")[1].GetProperty("image").GetString()!;
        Assert.That(body.GetProperty("numImages").GetInt32(), Is.EqualTo(2));
        Assert.That(Convert.FromBase64String(dataUrl["data:image/png;base64,".Length..]), Is.EqualTo(_fake.Replies.ImageBytes));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) => _http.PostAsync(path, Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<List<SseItem<string>>> ReadSseAsync(string path, string json)
    {
        using var response = await PostAsync(path, json);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            items.Add(item);
        }

        return items;
    }
}
