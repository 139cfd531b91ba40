using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Media;

/// <summary>
/// Messages, embeddings, images and video call outside providers, which a local server does not reach: these record
/// each route's failure and check the SDK reports it as a typed error (not retried when it can never succeed).
/// </summary>
public sealed class MediaLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public void Messages_without_a_provider_fail_with_a_typed_error()
    {
        var client = CreateClient();

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Messages.CreateAsync("anthropic/claude-sonnet-4.6", "Say hi", maxTokens: 32));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }

    [Test]
    public void Embeddings_without_a_provider_fail_with_a_typed_error()
    {
        var client = CreateClient();

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Embeddings.CreateAsync("openai/text-embedding-3-small", "hello"));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }

    [Test]
    public void Image_generation_without_a_provider_fails_with_a_typed_error()
    {
        var client = CreateClient();

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Images.CreateAsync("a red fox in the snow"));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }

    [Test]
    public void Video_generation_without_a_provider_fails_with_a_typed_error()
    {
        var client = CreateClient(o => o.HoldWhenRateLimitExhausted = false);

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Videos.CreateAsync("a red fox running in the snow"));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }
}
