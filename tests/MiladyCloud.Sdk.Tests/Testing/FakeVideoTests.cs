using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake's POST /generate-video: the real 200 shape, the real 400s, and a generation time on the fake clock.</summary>
public class FakeVideoTests
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
    public async Task A_generation_answers_with_every_field_of_the_real_response()
    {
        using var response = await PostAsync("""{"prompt":"A lighthouse at dawn","model":"fal-ai/veo3/fast"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var video = body.GetProperty("video");
        var requestId = body.GetProperty("requestId").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "video", "seed", "has_nsfw_concepts", "timings", "requestId" }));
            Assert.That(video.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "url", "content_type", "width", "height", "file_name", "file_size" }));
            Assert.That(Guid.TryParse(requestId, out _), Is.True, requestId);
            Assert.That(video.GetProperty("url").GetString(), Is.EqualTo($"https://fake-video-store.invalid/videos/{requestId}.mp4"));
            Assert.That(video.GetProperty("content_type").GetString(), Is.EqualTo("video/mp4"));
            Assert.That(video.GetProperty("width").GetInt32(), Is.EqualTo(1280));
            Assert.That(video.GetProperty("height").GetInt32(), Is.EqualTo(720));
            Assert.That(video.GetProperty("file_name").GetString(), Is.EqualTo("output.mp4"));
            Assert.That(video.GetProperty("file_size").GetInt64(), Is.EqualTo(4_821_337));
            Assert.That(body.GetProperty("seed").GetInt64(), Is.GreaterThanOrEqualTo(0));
            Assert.That(body.GetProperty("has_nsfw_concepts").EnumerateArray().Select(e => e.GetBoolean()), Is.EqualTo(new[] { false }));
            Assert.That(body.GetProperty("timings").GetProperty("inference").GetDouble(), Is.EqualTo(0));
            Assert.That(response.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("5"), "video generation is CRITICAL: 5 per 300 s");
        });
    }

    [Test]
    public async Task The_sdk_maps_the_fake_video_and_sends_the_default_model_when_none_is_given()
    {
        using var client = _fake.CreateClient();

        var result = await client.Videos.CreateAsync("A lighthouse at dawn");

        Assert.Multiple(() =>
        {
            Assert.That(result.Video.Url, Does.StartWith("https://fake-video-store.invalid/videos/"));
            Assert.That((result.Video.Width, result.Video.Height), Is.EqualTo((1280, 720)));
            Assert.That(result.Video.FileSize, Is.EqualTo(4_821_337));
            Assert.That(result.Timings!["inference"], Is.EqualTo(0));
            Assert.That(_fake.Requests.Single().Body, Is.EqualTo("""{"prompt":"A lighthouse at dawn"}"""));
        });
    }

    [TestCase("""{"prompt":"   "}""")]
    [TestCase("""{"prompt":""}""")]
    [TestCase("""{"prompt":42}""")]
    [TestCase("""{"model":"fal-ai/veo3"}""")]
    public async Task A_missing_or_blank_prompt_is_a_400_in_the_plain_envelope(string json)
    {
        using var response = await PostAsync(json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"error":"Prompt is required and must be a non-empty string"}"""));
    }

    [TestCase("acme/video-1")]
    [TestCase("")]
    public async Task An_unknown_model_is_a_400_that_lists_the_valid_ones(string model)
    {
        using var response = await PostAsync($$"""{"prompt":"a cat","model":"{{model}}"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var valid = body.GetProperty("validModels").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("Invalid model specified"));
            Assert.That(valid, Has.Count.EqualTo(16));
            Assert.That(valid, Does.Contain("fal-ai/veo3").And.Contain("bytedance/seedance-2.0/fast/text-to-video"));
        });
    }

    [Test]
    public void The_sdk_reports_an_unknown_model_as_InvalidRequestException()
    {
        using var client = _fake.CreateClient();

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => client.Videos.CreateAsync("a cat", "acme/video-1"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Invalid model specified"));
    }

    [Test]
    public async Task The_answer_waits_for_the_generation_time_on_the_fake_clock()
    {
        _fake.Replies.VideoGenerationTime = TimeSpan.FromMinutes(1);
        var pending = PostAsync("""{"prompt":"a cat"}""");
        var advanced = TimeSpan.Zero;

        // The fake's timer starts at some point after the request is sent; step the clock until the answer comes.
        while (!pending.IsCompleted && advanced < TimeSpan.FromMinutes(5))
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            advanced += TimeSpan.FromSeconds(10);
            await Task.WhenAny(pending, Task.Delay(20));
        }

        using var response = await pending;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(advanced, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(1)), "no answer before the fake clock passed the generation time");
        Assert.That(body.GetProperty("timings").GetProperty("inference").GetDouble(), Is.EqualTo(60));
    }

    [Test]
    public void A_negative_generation_time_is_rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => _fake.Replies.VideoGenerationTime = TimeSpan.FromSeconds(-1));

    private Task<HttpResponseMessage> PostAsync(string json) => _http.PostAsync("generate-video", new StringContent(json, Encoding.UTF8, "application/json"));
}
