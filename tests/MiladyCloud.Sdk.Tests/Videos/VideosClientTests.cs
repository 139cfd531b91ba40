using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Videos;

public class VideosClientTests
{
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task CreateAsync_posts_prompt_and_model_and_maps_every_field()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/generate-video").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"video":{"url":"https://store.example/v.mp4","content_type":"video/mp4","width":1280,"height":720,"file_name":"output.mp4","file_size":4821337},
                 "seed":42,"has_nsfw_concepts":[false],"timings":{"inference":61.2},"requestId":"req-1"}
                """));

        var result = await _api.Client.Videos.CreateAsync("A lighthouse at dawn", "fal-ai/veo3/fast");

        Assert.Multiple(() =>
        {
            Assert.That(result.Video.Url, Is.EqualTo("https://store.example/v.mp4"));
            Assert.That(result.Video.ContentType, Is.EqualTo("video/mp4"));
            Assert.That(result.Video.Width, Is.EqualTo(1280));
            Assert.That(result.Video.Height, Is.EqualTo(720));
            Assert.That(result.Video.FileName, Is.EqualTo("output.mp4"));
            Assert.That(result.Video.FileSize, Is.EqualTo(4821337));
            Assert.That(result.Seed, Is.EqualTo(42));
            Assert.That(result.HasNsfwConcepts, Is.EqualTo(new[] { false }));
            Assert.That(result.Timings!["inference"], Is.EqualTo(61.2));
            Assert.That(result.RequestId, Is.EqualTo("req-1"));
        });

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(), Is.EqualTo("""{"prompt":"A lighthouse at dawn","model":"fal-ai/veo3/fast"}"""));
    }

    [Test]
    public async Task CreateAsync_marks_the_request_credit_consuming_with_a_long_timeout()
    {
        var handler = RecordingHandler.Json("""{"video":{"url":"u"},"timings":null}""");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        var result = await client.Videos.CreateAsync("p");

        var request = handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Timings, Is.Null);
            Assert.That(request.Options.TryGetValue(new HttpRequestOptionsKey<bool>("MiladyCloud.ConsumesCredits"), out var credits) && credits, Is.True);
            Assert.That(request.Options.TryGetValue(new HttpRequestOptionsKey<RateLimitRoute>("MiladyCloud.RateLimitRoute"), out var route) ? route.Preset : null, Is.EqualTo(RateLimitPreset.Critical));
            Assert.That(request.Options.TryGetValue(new HttpRequestOptionsKey<TimeSpan>("MiladyCloud.AttemptTimeout"), out var timeout) ? timeout : TimeSpan.Zero, Is.EqualTo(TimeSpan.FromMinutes(6)));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void CreateAsync_rejects_empty_prompt_before_sending(string prompt)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Videos.CreateAsync(prompt));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Videos.CreateAsync(new VideoGenerationRequest { Prompt = "p", Model = " " }));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }
}
