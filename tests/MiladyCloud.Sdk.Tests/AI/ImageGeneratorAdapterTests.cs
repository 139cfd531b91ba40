// Microsoft.Extensions.AI marks its image abstractions experimental; these tests exercise exactly them.
#pragma warning disable MEAI001

using System.Drawing;
using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary><c>client.Images.AsImageGenerator()</c>.</summary>
public class ImageGeneratorAdapterTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    private static void Answer(FakeApi api, string body)
        => api.Server.Given(Request.Create().WithPath("/api/v1/generate-image").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    private static JsonElement SentBody(FakeApi api)
        => JsonDocument.Parse(api.Server.LogEntries.First(e => e.RequestMessage!.Path == "/api/v1/generate-image").RequestMessage!.Body!).RootElement;

    [Test]
    public async Task Options_are_mapped_to_the_services_fields()
    {
        using var api = new FakeApi();
        Answer(api, """{"images":[{"url":"https://store.example/a.png","mimeType":"image/png"}],"numImages":1}""");
        var generator = api.Client.Images.AsImageGenerator("google/gemini-2.5-flash-image");

        await generator.GenerateAsync(
            new ImageGenerationRequest("a red fox", [new DataContent(Png, "image/png")]),
            new ImageGenerationOptions { ModelId = "openai/gpt-image-2", Count = 3, ImageSize = new Size(1920, 1080) });

        var body = SentBody(api);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("prompt").GetString(), Is.EqualTo("a red fox"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("openai/gpt-image-2"));
            Assert.That(body.GetProperty("numImages").GetInt32(), Is.EqualTo(3));
            Assert.That(body.GetProperty("aspectRatio").GetString(), Is.EqualTo("16:9"));
            Assert.That(body.GetProperty("sourceImage").GetString(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(Png)));
        });
    }

    [Test]
    public async Task The_default_model_and_the_raw_representation_factory_fill_the_rest()
    {
        using var api = new FakeApi();
        Answer(api, """{"images":[{"url":"https://store.example/a.png"}]}""");
        var generator = api.Client.Images.AsImageGenerator("google/gemini-2.5-flash-image");

        await generator.GenerateAsync(new ImageGenerationRequest("a cat"), new ImageGenerationOptions
        {
            RawRepresentationFactory = _ => new Models.ImageGenerationRequest { Prompt = "ignored", StylePreset = Models.ImageStylePreset.Origami },
        });

        var body = SentBody(api);
        Assert.That(body.GetProperty("prompt").GetString(), Is.EqualTo("a cat"));
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("google/gemini-2.5-flash-image"));
        Assert.That(body.GetProperty("stylePreset").GetString(), Is.EqualTo("origami"));
        Assert.That(body.TryGetProperty("numImages", out _), Is.False);
    }

    [Test]
    public async Task Stored_images_are_uri_content_and_inline_ones_data_content()
    {
        using var api = new FakeApi();
        var dataUrl = "data:image/webp;base64," + Convert.ToBase64String(Png);
        Answer(api, $$"""{"images":[{"url":"https://store.example/a.png","mimeType":"image/png"},{"image":"{{dataUrl}}","mimeType":"image/webp"}],"numImages":2}""");

        var response = await api.Client.Images.AsImageGenerator().GenerateImagesAsync("two cats");

        var uri = (UriContent)response.Contents[0];
        var data = (DataContent)response.Contents[1];
        Assert.That((uri.Uri.ToString(), uri.MediaType), Is.EqualTo(("https://store.example/a.png", "image/png")));
        Assert.That((data.Data.ToArray(), data.MediaType), Is.EqualTo((Png, "image/webp")));
        Assert.That(response.RawRepresentation, Is.InstanceOf<IReadOnlyList<GeneratedImageResult>>());
        Assert.That(response.Usage, Is.Null, "the service reports no usage for images");
        Assert.That(SentBody(api).TryGetProperty("model", out _), Is.False, "no default model: the service's default");
    }

    [Test]
    public async Task ResponseFormat_Data_downloads_stored_images()
    {
        using var api = new FakeApi();
        var stored = api.Server.Url + "/files/a.png";
        Answer(api, $$"""{"images":[{"url":"{{stored}}"}]}""");
        api.Server.Given(Request.Create().WithPath("/files/a.png").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "image/png").WithBody(Png));

        var response = await api.Client.Images.AsImageGenerator().GenerateImagesAsync("a cat", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data });

        var data = (DataContent)response.Contents.Single();
        Assert.That(data.Data.ToArray(), Is.EqualTo(Png));
        Assert.That(data.MediaType, Is.EqualTo("application/octet-stream"), "the service named no media type");
    }

    [Test]
    public void Options_the_service_cannot_honour_are_refused_before_sending()
    {
        using var api = new FakeApi();
        var generator = api.Client.Images.AsImageGenerator();

        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("x", new ImageGenerationOptions { MediaType = "image/jpeg" }));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("x", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Hosted }));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("x", new ImageGenerationOptions { ImageSize = new Size(1000, 700) }));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("x", new ImageGenerationOptions { Count = 5 }));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(new ImageGenerationRequest(" "), null));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(new ImageGenerationRequest("x", [new DataContent(Png, "image/png"), new DataContent(Png, "image/png")]), null));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(new ImageGenerationRequest("x", [new UriContent("https://a.example/a.png", "image/png")]), null));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(new ImageGenerationRequest("x", [new DataContent(Png, "text/plain")]), null));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Cancellation_reaches_the_request()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/generate-image").UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(30)).WithBody("{}"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => api.Client.Images.AsImageGenerator().GenerateImagesAsync("x", cancellationToken: cts.Token));
    }

    [Test]
    public void GetService_returns_the_metadata_the_client_and_itself()
    {
        using var api = new FakeApi();
        var generator = api.Client.Images.AsImageGenerator("m-1");

        var metadata = generator.GetService<ImageGeneratorMetadata>()!;
        Assert.That((metadata.ProviderName, metadata.DefaultModelId, metadata.ProviderUri), Is.EqualTo(("elizaos.cloud", "m-1", api.Options.BaseUrl)));
        Assert.That(generator.GetService<ImagesClient>(), Is.SameAs(api.Client.Images));
        Assert.That(generator.GetService<IImageGenerator>(), Is.SameAs(generator));
        Assert.That(generator.GetService(typeof(ImagesClient), "key"), Is.Null);
        Assert.That(generator.GetService<string>(), Is.Null);
        Assert.Throws<ArgumentException>(() => api.Client.Images.AsImageGenerator(" "));
    }

    [Test]
    public void Errors_are_the_sdks_typed_exceptions()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/generate-image").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(402).WithHeader("Content-Type", "application/json").WithBody("""{"error":"Insufficient credits for image generation","required":0.02}"""));

        Assert.CatchAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.Images.AsImageGenerator().GenerateImagesAsync("x"));
    }
}
