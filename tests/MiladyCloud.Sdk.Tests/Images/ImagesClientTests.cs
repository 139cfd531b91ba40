using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MiladyCloud.Sdk.Tests.Images;

public class ImagesClientTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    [Test]
    public async Task Every_option_is_sent_and_base64_images_give_their_bytes_and_save()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Replies.ImageBytes = Png;
        using var client = fake.CreateClient();
        var source = ImageDataUrl.FromBytes(Png, "image/png");

        var images = await client.Images.CreateAsync(new ImageGenerationRequest
        {
            Prompt = "a cat",
            NumImages = 2,
            AspectRatio = ImageAspectRatio.Landscape16x9,
            StylePreset = ImageStylePreset.DigitalArt,
            Model = "openai/gpt-image-2",
            SourceImage = source,
        });

        Assert.That(images, Has.Count.EqualTo(2));
        Assert.That(await images[0].GetBytesAsync(), Is.EqualTo(Png));
        Assert.That(images[0].MediaType, Is.EqualTo("image/png"));
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"image-{Guid.NewGuid():N}.png");
        await images[1].SaveAsync(path);
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(Png));
        File.Delete(path);
        var body = fake.Requests.Single().Json!.Value;
        Assert.That(body.GetRawText(), Is.EqualTo($$"""{"prompt":"a cat","numImages":2,"aspectRatio":"16:9","stylePreset":"digital-art","sourceImage":"{{source}}","model":"openai/gpt-image-2"}"""));
    }

    [Test]
    public async Task A_stored_image_on_another_host_is_downloaded_without_our_credentials()
    {
        using var api = new FakeApi();
        using var storage = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        storage.Given(Request.Create().WithPath("/images/cat.png").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/png").WithBody(Png));
        api.Server.Given(Request.Create().WithPath("/api/v1/generate-image").UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody($$"""{"images":[{"url":"{{storage.Url}}/images/cat.png","text":"","mimeType":"image/png","fileSize":11}],"numImages":1}"""));

        var images = await api.Client.Images.CreateAsync("a cat");
        var bytes = await images.Single().GetBytesAsync();

        Assert.That(bytes, Is.EqualTo(Png));
        var download = storage.LogEntries.Single().RequestMessage!;
        Assert.That(download.Headers!.ContainsKey("Authorization"), Is.False, "credentials must never reach a foreign host");
        Assert.That(api.Server.LogEntries.Single().RequestMessage!.Headers!.ContainsKey("Authorization"), Is.True);
    }

    [Test]
    public void A_download_larger_than_the_bound_is_refused()
    {
        using var api = new FakeApi(o => o.MaxDownloadBytes = 1000);
        using var storage = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        storage.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(new byte[1001]));
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"images":[{"url":"{{storage.Url}}/big.png"}],"numImages":1}"""));

        Assert.ThrowsAsync<MiladyCloudResponseTooLargeException>(async () => await (await api.Client.Images.CreateAsync("x")).Single().GetBytesAsync());
    }

    [Test]
    public void Invalid_requests_are_refused_before_sending()
    {
        using var api = new FakeApi();

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Images.CreateAsync(" "));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Images.CreateAsync(new string('x', 4001)));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Images.CreateAsync("x", numImages: 5));
            Assert.ThrowsAsync<ArgumentException>(() => api.Client.Images.CreateAsync(new ImageGenerationRequest { Prompt = "x", SourceImage = "https://example.com/a.png" }));
        });
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Source_images_come_from_bytes_streams_and_files_with_the_size_limit_checked()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"src-{Guid.NewGuid():N}.webp");
        await File.WriteAllBytesAsync(path, Png);

        var fromFile = await ImageDataUrl.FromFileAsync(path);
        var fromStream = await ImageDataUrl.FromStreamAsync(new MemoryStream(Png), "image/png");
        File.Delete(path);

        Assert.That(fromFile, Is.EqualTo("data:image/webp;base64," + Convert.ToBase64String(Png)));
        Assert.That(fromStream, Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(Png)));
        Assert.Throws<ArgumentException>(() => ImageDataUrl.FromBytes(new byte[ImageDataUrl.MaxLength / 4 * 3 + 3], "image/png"));
        Assert.ThrowsAsync<ArgumentException>(() => ImageDataUrl.FromFileAsync("picture.bmp"));
    }

    [Test]
    public async Task Missing_credits_for_images_arrive_typed_with_the_required_amount()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.InsufficientCredits());
        using var client = fake.CreateClient();

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => client.Images.CreateAsync("x"));

        Assert.That(ex!.RequiredAmount, Is.EqualTo(0.02m));
        await Task.CompletedTask;
    }
}
