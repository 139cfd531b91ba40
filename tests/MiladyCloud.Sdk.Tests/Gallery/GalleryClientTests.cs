using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Gallery;

public class GalleryClientTests
{
    private const string Item = """
        {"id":"1f0c7a52-0000-4000-8000-000000000001","type":"image","url":"https://store.example/images/1.png","thumbnailUrl":null,
         "prompt":"A mountain landscape at sunset","negativePrompt":null,"model":"google/gemini-2.5-flash-image","provider":"google",
         "status":"completed","createdAt":"2026-04-27T10:30:00.000Z","completedAt":"2026-04-27T10:30:09.000Z",
         "dimensions":{"width":1024,"height":768},"mimeType":"image/png","fileSize":"102400","metadata":{"seed":7}}
        """;

    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    private void Respond(string body, int status = 200, string? offset = null)
    {
        var request = Request.Create().WithPath("/api/v1/gallery").UsingGet();
        if (offset is not null)
        {
            request = request.WithParam("offset", offset);
        }

        _api.Server.Given(request).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    [Test]
    public async Task ListAsync_sends_the_filters_and_maps_every_field()
    {
        Respond($$"""{"items":[{{Item}}],"count":1,"offset":20,"limit":10,"hasMore":true}""");

        var page = await _api.Client.Gallery.ListAsync(new GalleryListOptions { Type = GalleryMediaType.Video, Limit = 10, Offset = 20 });

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.Query!["type"].Single(), Is.EqualTo("video"));
        Assert.That(sent.Query["limit"].Single(), Is.EqualTo("10"));
        Assert.That(sent.Query["offset"].Single(), Is.EqualTo("20"));
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        var item = page.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That((page.Count, page.Offset, page.Limit, page.HasMore), Is.EqualTo((1, 20, 10, true)));
            Assert.That((item.Id, item.Type, item.Url, item.ThumbnailUrl, item.Prompt, item.NegativePrompt),
                Is.EqualTo(("1f0c7a52-0000-4000-8000-000000000001", GalleryMediaType.Image, "https://store.example/images/1.png", (string?)null, "A mountain landscape at sunset", (string?)null)));
            Assert.That((item.Model, item.Provider, item.Status, item.CreatedAt, item.CompletedAt, item.MimeType, item.FileSize),
                Is.EqualTo(("google/gemini-2.5-flash-image", "google", "completed", "2026-04-27T10:30:00.000Z", "2026-04-27T10:30:09.000Z", "image/png", "102400")));
            Assert.That((item.Dimensions!.Width, item.Dimensions.Height, item.Dimensions.Duration), Is.EqualTo(((int?)1024, (int?)768, (double?)null)));
            Assert.That(item.Metadata!["seed"].ToString(), Is.EqualTo("7"));
        });
    }

    [Test]
    public async Task ListAsync_without_options_sends_no_query()
    {
        Respond("""{"items":[],"count":0,"offset":0,"limit":100,"hasMore":false}""");

        await _api.Client.Gallery.ListAsync();

        Assert.That(_api.SingleRequest().RequestMessage!.Url, Does.EndWith("/api/v1/gallery"));
    }

    [TestCase(0, null)]
    [TestCase(1001, null)]
    [TestCase(null, -1)]
    public void Bad_windows_are_refused_before_sending(int? limit, int? offset)
    {
        var options = new GalleryListOptions { Limit = limit, Offset = offset };
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _api.Client.Gallery.ListAsync(options));
        Assert.Throws<ArgumentOutOfRangeException>(() => _api.Client.Gallery.ListAllAsync(options));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task ListAllAsync_walks_by_window_size_past_a_short_page_the_server_calls_the_last()
    {
        // The second window held a generation without a stored file: one item, hasMore false, yet more follow.
        Respond($$"""{"items":[{{Item}},{{Item}}],"count":2,"offset":0,"limit":2,"hasMore":true}""", offset: "0");
        Respond($$"""{"items":[{{Item}}],"count":1,"offset":2,"limit":2,"hasMore":false}""", offset: "2");
        Respond($$"""{"items":[{{Item}}],"count":1,"offset":4,"limit":2,"hasMore":false}""", offset: "4");
        Respond("""{"items":[],"count":0,"offset":6,"limit":2,"hasMore":false}""", offset: "6");

        var items = new List<GalleryItem>();
        await foreach (var item in _api.Client.Gallery.ListAllAsync(new GalleryListOptions { Limit = 2, Type = GalleryMediaType.Image }))
        {
            items.Add(item);
        }

        Assert.That(items, Has.Count.EqualTo(4));
        var offsets = _api.Server.LogEntries.Select(e => e.RequestMessage!.Query!["offset"].Single()).ToList();
        Assert.That(offsets, Is.EqualTo(new[] { "0", "2", "4", "6" }));
        Assert.That(_api.Server.LogEntries.Select(e => e.RequestMessage!.Query!["type"].Single()), Is.All.EqualTo("image"));
    }

    [Test]
    public void A_validation_error_is_an_invalid_request()
    {
        Respond("""{"error":"Validation error","details":[{"code":"invalid_value","path":["type"],"message":"Invalid option"}]}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _api.Client.Gallery.ListAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ex.Message, Does.Contain("Validation error"));
        Assert.That(ex.RawBody, Does.Contain("invalid_value"));
    }

    [TestCase(401, "Invalid or expired API key", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(403, "Organization is inactive", typeof(MiladyCloudForbiddenException))]
    [TestCase(500, "Failed to fetch gallery items", typeof(MiladyCloudInternalServerErrorException))]
    public void The_routes_plain_errors_map_to_typed_exceptions(int status, string message, Type expected)
    {
        Respond($$"""{"error":"{{message}}"}""", status);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Gallery.ListAsync());

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That((int)ex!.StatusCode, Is.EqualTo(status));
        Assert.That(ex.Message, Does.Contain(message));
    }
}
