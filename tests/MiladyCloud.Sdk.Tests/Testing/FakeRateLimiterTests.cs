using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>
/// The fake's rate limiter, driven with a plain HttpClient (no SDK pacing): one counter per key shared by every limited
/// route, each route's own preset, refused calls counted, the two policies and the organization tier, as the service.
/// </summary>
public class FakeRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private MiladyCloudFakeServer _fake = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _fake = MiladyCloudFakeServer.Start(_clock);
        _http = new HttpClient { BaseAddress = _fake.BaseUrl };
        _http.DefaultRequestHeaders.Add("X-API-Key", MiladyCloudFakeServer.ApiKey);
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        _fake.Dispose();
    }

    private Task<HttpResponseMessage> GetUserAsync() => _http.GetAsync("user");

    private Task<HttpResponseMessage> CreateContainerAsync()
        => _http.PostAsync("containers", new StringContent("""{"name":"x","project_name":"x","ecr_image_uri":"1.dkr.ecr.us-east-1.amazonaws.com/x:1"}""", Encoding.UTF8, "application/json"));

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Test]
    public async Task Five_calls_to_any_route_use_up_a_critical_route_on_the_sliding_log()
    {
        for (var i = 0; i < 5; i++)
        {
            (await GetUserAsync()).Dispose();
        }

        using var refused = await CreateContainerAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(refused, "X-RateLimit-Limit"), Is.EqualTo("5"));
            Assert.That(Header(refused, "X-RateLimit-Remaining"), Is.EqualTo("0"));
            Assert.That(Header(refused, "X-RateLimit-Policy"), Is.EqualTo("redis"));
            Assert.That(Header(refused, "Retry-After"), Is.EqualTo("300"), "the sliding log asks for a whole window");
        });
        Assert.That(await refused.Content.ReadAsStringAsync(), Is.EqualTo("""{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded. Maximum 5 requests per 300 seconds.","retryAfter":300}"""));
    }

    [Test]
    public async Task Refused_calls_count_too_and_routes_without_a_preset_carry_no_limit()
    {
        for (var i = 0; i < 6; i++)
        {
            (await CreateContainerAsync()).Dispose();
        }

        _clock.Advance(TimeSpan.FromMinutes(4));
        using var stillRefused = await CreateContainerAsync();
        using var unlimited = await _http.GetAsync("dashboard");

        Assert.That(stillRefused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the refused sixth call is in the log too");
        Assert.That(unlimited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(unlimited.Headers.Contains("X-RateLimit-Limit"), Is.False);
    }

    [Test]
    public async Task A_larger_preset_still_passes_and_reports_the_shared_count()
    {
        for (var i = 0; i < 5; i++)
        {
            (await CreateContainerAsync()).Dispose();
        }

        using var user = await GetUserAsync();

        Assert.That(user.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((Header(user, "X-RateLimit-Limit"), Header(user, "X-RateLimit-Remaining")), Is.EqualTo(("60", "54")));
    }

    [Test]
    public async Task In_memory_the_first_call_opens_a_fixed_window_of_its_own_routes_length()
    {
        _fake.Replies.RateLimitPolicy = "in-memory";
        using var first = await GetUserAsync();
        var reset = Header(first, "X-RateLimit-Reset");
        for (var i = 0; i < 4; i++)
        {
            (await GetUserAsync()).Dispose();
        }

        _clock.Advance(TimeSpan.FromSeconds(20));
        using var refused = await CreateContainerAsync();

        Assert.Multiple(() =>
        {
            Assert.That(reset, Is.EqualTo("2026-11-28T12:01:00.000Z"), "GET /user opened a 60 s window");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(refused, "X-RateLimit-Reset"), Is.EqualTo(reset), "one window for the key");
            Assert.That(Header(refused, "Retry-After"), Is.EqualTo("40"), "until that window resets");
            Assert.That(Header(refused, "X-RateLimit-Policy"), Is.EqualTo("in-memory"));
        });
    }

    [Test]
    public async Task The_organization_tier_refuses_chat_with_the_key_counters_headers()
    {
        using var content = new StringContent("""{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 61 && refused is null; i++)
        {
            var response = await _http.PostAsync("chat/completions", content);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using (refused)
        {
            Assert.That(refused, Is.Not.Null, "the free tier allows 60 completions a minute");
            Assert.That((Header(refused!, "X-RateLimit-Limit"), Header(refused!, "X-RateLimit-Remaining")), Is.EqualTo(("200", "139")), "RELAXED's counter, written over the tier's");
            Assert.That(Header(refused!, "Retry-After"), Is.EqualTo("60"));
        }
    }

    [Test]
    public async Task The_multiplier_scales_every_preset()
    {
        _fake.Replies.RateLimitMultiplier = 10;
        for (var i = 0; i < 20; i++)
        {
            (await GetUserAsync()).Dispose();
        }

        using var container = await CreateContainerAsync();

        Assert.That(container.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(Header(container, "X-RateLimit-Limit"), Is.EqualTo("50"));
    }

    [Test]
    public async Task A_window_scale_shortens_every_window_and_the_headers_say_so()
    {
        _fake.Replies.RateLimitWindowScale = 0.05;
        for (var i = 0; i < 60; i++)
        {
            (await GetUserAsync()).Dispose();
        }

        using var refused = await GetUserAsync();
        _clock.Advance(TimeSpan.FromSeconds(3));
        using var allowed = await GetUserAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(refused, "Retry-After"), Is.EqualTo("3"), "a minute is three seconds");
            Assert.That(DateTimeOffset.Parse(Header(refused, "X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Start + TimeSpan.FromSeconds(3)));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the 60 calls aged out after three seconds");
            Assert.That(_fake.RateLimitRefusals, Is.EqualTo(1));
        });
    }
}
