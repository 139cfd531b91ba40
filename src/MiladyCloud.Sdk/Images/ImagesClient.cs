using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Image generation (<c>/generate-image</c>). Obtain it from <see cref="MiladyCloudClient.Images"/>.</summary>
public class ImagesClient : CategoryClient
{
    private const int MaxPromptLength = 4000;

    /// <summary>The server lets image generation run for up to 180 seconds.</summary>
    private static readonly TimeSpan GenerationTime = TimeSpan.FromSeconds(200);

    /// <summary>For mocking frameworks.</summary>
    protected ImagesClient()
    {
    }

    internal ImagesClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Generates one to four images. The server may take up to three minutes, so the wait for the response is at
    /// least 200 seconds whatever <see cref="MiladyCloudClientOptions.NetworkTimeout"/> says.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images, each able to give its bytes or save itself.</returns>
    /// <exception cref="ArgumentException">The prompt is empty or too long, or <c>numImages</c> is not 1 to 4 (checked before sending).</exception>
    public virtual async Task<IReadOnlyList<GeneratedImageResult>> CreateAsync(ImageGenerationRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var response = await Pipeline.SendJsonAsync(HttpMethod.Post, "generate-image", request, MiladyCloudJsonContext.Default.ImageGenerationRequest, MiladyCloudJsonContext.Default.ImageGenerationResponse, cancellationToken, new SendOptions(SendFlags.ConsumesCredits, GenerationTime)).ConfigureAwait(false);
        return response.Images.Select(image => new GeneratedImageResult(image, Pipeline)).ToList();
    }

    /// <summary>Generates images from a prompt.</summary>
    /// <param name="prompt">What to draw (at most 4,000 characters).</param>
    /// <param name="numImages">How many, 1 to 4.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images.</returns>
    public virtual Task<IReadOnlyList<GeneratedImageResult>> CreateAsync(string prompt, int numImages = 1, CancellationToken cancellationToken = default)
        => CreateAsync(new ImageGenerationRequest { Prompt = prompt, NumImages = numImages }, cancellationToken);

    /// <summary>
    /// Wraps this client as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IImageGenerator"/>.
    /// <c>ModelId</c> picks the model, <c>Count</c> the number of images (1-4), <c>ImageSize</c> an aspect ratio (its
    /// width and height must reduce to 1:1, 16:9, 9:16, 4:3, 3:4, 21:9 or 9:21), one image in <c>OriginalImages</c> is
    /// the source of an edit, and <c>RawRepresentationFactory</c> may return an <see cref="ImageGenerationRequest"/>
    /// with the service's own fields (such as the style preset). Stored images come back as <c>UriContent</c>, inline
    /// ones (or all, with <c>ResponseFormat.Data</c>) as <c>DataContent</c>.
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ImageGenerationOptions.ModelId</c> is not set; the service's default when <see langword="null"/>.</param>
    /// <returns>The generator. It does not own this client: disposing it leaves the client usable.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultModel"/> is empty or white space.</exception>
    /// <remarks>
    /// Options the service cannot honour are refused before sending rather than ignored: <c>MediaType</c> (the service
    /// picks PNG or WebP by model), <c>ResponseFormat.Hosted</c>, a size with another ratio, and more than one source
    /// image. The service reports no usage for images, so <c>ImageGenerationResponse.Usage</c> is null.
    /// Microsoft.Extensions.AI marks its image abstractions experimental (MEAI001), and so this method.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.Experimental("MEAI001")]
    public virtual Microsoft.Extensions.AI.IImageGenerator AsImageGenerator(string? defaultModel = null)
    {
        if (defaultModel is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        }

        return new Internal.AI.MiladyCloudImageGeneratorAdapter(this, Pipeline.Options.BaseUrl, defaultModel);
    }

    private static void Validate(ImageGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Prompt, "prompt");
        if (request.Prompt.Length > MaxPromptLength)
        {
            throw new ArgumentException($"prompt must be at most {MaxPromptLength} characters (was {request.Prompt.Length}).", nameof(request));
        }

        if (request.NumImages is < 1 or > 4)
        {
            throw new ArgumentException($"numImages must be between 1 and 4 (was {request.NumImages}).", nameof(request));
        }

        if (request.SourceImage is { } source && (!source.StartsWith("data:", StringComparison.Ordinal) || source.Length > ImageDataUrl.MaxLength))
        {
            throw new ArgumentException($"sourceImage must be a data URL of at most {ImageDataUrl.MaxLength:N0} characters; build it with ImageDataUrl.", nameof(request));
        }
    }
}
