using System.Net;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Retry;

/// <summary>Which failures are retried, after which delay, and when the SDK gives up at once. No real sleeping.</summary>
public class RetryTests
{
    private const string ModelList = """{"object":"list","data":[]}""";
    private const string Completion = """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";
    private const string RateLimitBody = """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded.","retryAfter":60}""";

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task A_GET_is_retried_after_a_transient_status(int status)
    {
        using var api = new ScriptedServer(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(200)).Then(status).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        api.Clock.Advance(await api.NextRetryDelayAsync());
        var list = await call;

        Assert.That(list.Data, Is.Empty);
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(402)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(422)]
    public void A_client_error_is_never_retried(int status)
    {
        using var api = new ScriptedServer().Then(status, """{"error":{"message":"no","type":"invalid_request_error"}}""").Then(200, ModelList);

        Assert.ThrowsAsync(Is.InstanceOf<MiladyCloudApiException>(), () => api.Client.Models.ListAsync());

        Assert.That(api.RequestCount, Is.EqualTo(1));
        Assert.That(api.Delays, Is.Empty);
    }

    [Test]
    public void A_500_that_is_really_an_auth_failure_is_not_retried()
    {
        using var api = new ScriptedServer().Then(500, """{"success":false,"error":"Invalid or expired API key"}""");

        Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => api.Client.Models.ListAsync());
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public void Insufficient_credits_sent_as_429_by_the_messages_route_are_not_retried()
    {
        using var api = new ScriptedServer().Then(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.0123"}}""", ("Retry-After", "1"));

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => SendChatAsync(api));

        Assert.That(ex!.RequiredAmount, Is.EqualTo(0.0123m));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [TestCase(new[] { "retry-after-ms:1500", "Retry-After:5", "X-RateLimit-Reset:2026-01-15T12:00:20.000Z" }, 1500)]
    [TestCase(new[] { "Retry-After:5", "X-RateLimit-Reset:2026-01-15T12:00:20.000Z" }, 5000)]
    [TestCase(new[] { "Retry-After:Thu, 15 Jan 2026 12:00:07 GMT" }, 7000)]
    [TestCase(new[] { "X-RateLimit-Reset:2026-01-15T12:00:20.000Z" }, 20000)]
    [TestCase(new[] { "X-RateLimit-Reset:1768478430" }, 30000)]
    public async Task The_delay_comes_from_the_first_header_present_in_precedence_order(string[] headers, int expectedMs)
    {
        var pairs = headers.Select(h => (h[..h.IndexOf(':', StringComparison.Ordinal)], h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..])).ToArray();
        using var api = new ScriptedServer().Then(429, "{}", pairs).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        var delay = await api.NextRetryDelayAsync();
        api.Clock.Advance(delay);
        await call;

        Assert.That(delay, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    public async Task A_503_ignores_the_rate_limit_reset_that_every_response_carries()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(30))
            .Then(503, "{}", ("X-RateLimit-Remaining", "150"), ("X-RateLimit-Reset", "2026-01-15T12:01:00.000Z")).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        var delay = await api.NextRetryDelayAsync();
        api.Clock.Advance(delay);
        await call;

        Assert.That(delay, Is.LessThan(TimeSpan.FromSeconds(10)), "backoff, not the 60 s until the window resets");
    }

    [Test]
    public async Task The_body_retryAfter_is_the_last_server_source_before_backoff()
    {
        using var api = new ScriptedServer().Then(429, RateLimitBody.Replace("60", "9", StringComparison.Ordinal)).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        var delay = await api.NextRetryDelayAsync();
        api.Clock.Advance(delay);
        await call;

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(9)));
    }

    [Test]
    public async Task Without_any_server_delay_the_backoff_grows_and_stays_under_the_cap()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(30)).Then(502).Then(502).Then(502).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await api.NextRetryDelayAsync());
            api.Clock.Advance(delays[^1]);
        }

        await call;
        Assert.That(delays.Min(), Is.GreaterThan(TimeSpan.Zero));
        Assert.That(delays.Max(), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(delays.Sum(d => d.TotalMilliseconds), Is.GreaterThan(1000), "exponential backoff from a 1 s base");
        Assert.That(api.RequestCount, Is.EqualTo(4));
    }

    [Test]
    public void A_delay_beyond_the_cap_fails_at_once_with_RetryAfter()
    {
        using var api = new ScriptedServer(o => o.MaxRetryDelay = TimeSpan.FromSeconds(30)).Then(429, RateLimitBody, ("Retry-After", "60")).Then(200, ModelList);

        var ex = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => api.Client.Models.ListAsync());

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public void A_delay_beyond_the_operation_deadline_fails_at_once()
    {
        using var api = new ScriptedServer(o => o.OperationTimeout = TimeSpan.FromSeconds(10)).Then(429, RateLimitBody, ("Retry-After", "20")).Then(200, ModelList);

        var ex = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => api.Client.Models.ListAsync());

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public void A_credit_consuming_POST_is_not_retried_after_an_ambiguous_failure(int status)
    {
        using var api = new ScriptedServer().Then(status).Then(200, Completion);

        Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => SendChatAsync(api));
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [TestCase(429)]
    [TestCase(503)]
    public async Task A_credit_consuming_POST_is_retried_when_the_server_cannot_have_done_the_work(int status)
    {
        using var api = new ScriptedServer().Then(status, status == 429 ? RateLimitBody : "{}", ("Retry-After", "2")).Then(200, Completion);

        var call = SendChatAsync(api);
        api.Clock.Advance(await api.NextRetryDelayAsync());
        var completion = await call;

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("ok"));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task The_opt_in_allows_retrying_a_credit_consuming_POST_after_a_500()
    {
        using var api = new ScriptedServer(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true).Then(500).Then(200, Completion);

        var call = SendChatAsync(api);
        api.Clock.Advance(await api.NextRetryDelayAsync());
        await call;

        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_refused_connection_is_retried_even_for_a_credit_consuming_POST_and_then_reported()
    {
        using var api = new ScriptedServer(o => o.MaxRetries = 2);
        api.Options.BaseUrl = new Uri("http://127.0.0.1:1/api/v1/");
        using var client = new MiladyCloudClient(api.Options);

        var call = SendChatAsync(client);
        for (var i = 0; i < 2; i++)
        {
            api.Clock.Advance(await api.NextRetryDelayAsync());
        }

        var ex = Assert.ThrowsAsync<MiladyCloudConnectionException>(() => call);
        Assert.That(ex!.RequestNeverSent, Is.True);
    }

    [Test]
    public async Task Cancelling_during_a_retry_delay_stops_at_once()
    {
        using var api = new ScriptedServer().Then(429, RateLimitBody, ("Retry-After", "30")).Then(200, ModelList);
        using var cancellation = new CancellationTokenSource();

        var call = api.Client.Models.ListAsync(cancellation.Token);
        await api.NextRetryDelayAsync();
        await cancellation.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Retries_stop_after_MaxRetries_and_the_last_error_is_reported()
    {
        using var api = new ScriptedServer(o => o.MaxRetries = 2).Then(503).Then(503).Then(503).Then(200, ModelList);

        var call = api.Client.Models.ListAsync();
        for (var i = 0; i < 2; i++)
        {
            api.Clock.Advance(await api.NextRetryDelayAsync());
        }

        Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => call);
        Assert.That(api.RequestCount, Is.EqualTo(3));
    }

    [Test]
    public async Task A_response_slower_than_NetworkTimeout_is_a_timeout_of_the_response_headers()
    {
        using var api = new ScriptedServer(o => { o.MaxRetries = 0; o.NetworkTimeout = TimeSpan.FromSeconds(5); }) { Unresponsive = true };

        var call = api.Client.Models.ListAsync();
        // The attempt's timer starts when the request is sent; step the fake clock until it fires (bounded).
        for (var i = 0; i < 200 && !call.IsCompleted; i++)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        var ex = Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => call);
        Assert.That(ex!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseHeaders));
        Assert.That(ex.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Image_generation_waits_at_least_200_seconds_whatever_NetworkTimeout_says()
    {
        using var api = new ScriptedServer(o => { o.MaxRetries = 0; o.NetworkTimeout = TimeSpan.FromSeconds(5); }) { Unresponsive = true };

        var call = api.Client.Images.CreateAsync("a cat");
        for (var i = 0; i < 100 && !call.IsCompleted; i++)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.That(call.IsCompleted, Is.False, "100 s is well past NetworkTimeout but within the generation allowance");
        for (var i = 0; i < 200 && !call.IsCompleted; i++)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var ex = Assert.ThrowsAsync<MiladyCloudTimeoutException>(() => call);
        Assert.That(ex!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.ResponseHeaders));
    }

    [Test]
    public async Task A_stream_is_retried_when_it_fails_before_its_first_event()
    {
        using var api = new ScriptedServer().Then(503, "{}", ("Retry-After", "1"))
            .Then(200, Streaming.Transcripts.Chat, ("Content-Type", "text/event-stream"));

        var reading = api.Client.Chat.StreamAsync("m", "hi").ToCompletionAsync();
        api.Clock.Advance(await api.NextRetryDelayAsync());
        var completion = await reading;

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("Hello! How can I help?"));
        Assert.That(api.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public void A_stream_that_fails_after_its_first_event_is_never_sent_again()
    {
        using var api = new ScriptedServer(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true)
            .Then(200, Streaming.Transcripts.ChatChunk("partial"), ("Content-Type", "text/event-stream"))
            .Then(200, Streaming.Transcripts.Chat, ("Content-Type", "text/event-stream"));

        Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => api.Client.Chat.StreamAsync("m", "hi").ToCompletionAsync());
        Assert.That(api.RequestCount, Is.EqualTo(1));
        Assert.That(api.Delays, Is.Empty);
    }

    private static Task<ChatCompletion> SendChatAsync(ScriptedServer api) => SendChatAsync(api.Client);

    /// <summary>A credit-consuming POST through the real pipeline (the chat client builds the same request).</summary>
    private static Task<ChatCompletion> SendChatAsync(MiladyCloudClient client)
    {
        var body = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }] };
        return client.Pipeline.SendJsonAsync(
            HttpMethod.Post, "chat/completions", body, MiladyCloudJsonContext.Default.ChatCompletionRequest, MiladyCloudJsonContext.Default.ChatCompletion, CancellationToken.None, Internal.SendFlags.ConsumesCredits);
    }
}
