using System.Diagnostics.CodeAnalysis;
using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary><see cref="Ai.IImageGenerator"/> over <c>/generate-image</c>.</summary>
[Experimental("MEAI001")]
internal sealed class MiladyCloudImageGeneratorAdapter : Ai.IImageGenerator
{
    private const string FallbackMediaType = "application/octet-stream";

    /// <summary>The aspect ratios the service knows, by width and height reduced to lowest terms.</summary>
    private static readonly Dictionary<(int Width, int Height), ImageAspectRatio> AspectRatios = new()
    {
        [(1, 1)] = ImageAspectRatio.Square,
        [(16, 9)] = ImageAspectRatio.Landscape16x9,
        [(9, 16)] = ImageAspectRatio.Portrait9x16,
        [(4, 3)] = ImageAspectRatio.Landscape4x3,
        [(3, 4)] = ImageAspectRatio.Portrait3x4,
        [(21, 9)] = ImageAspectRatio.Ultrawide21x9,
        [(9, 21)] = ImageAspectRatio.Tall9x21,
    };

    private readonly ImagesClient _images;
    private readonly string? _defaultModel;
    private readonly Ai.ImageGeneratorMetadata _metadata;

    public MiladyCloudImageGeneratorAdapter(ImagesClient images, Uri? endpoint, string? defaultModel)
    {
        _images = images;
        _defaultModel = defaultModel;
        _metadata = new Ai.ImageGeneratorMetadata(AiProvider.Name, endpoint, defaultModel);
    }

    public async Task<Ai.ImageGenerationResponse> GenerateAsync(Ai.ImageGenerationRequest request, Ai.ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = BuildRequest(request, options);
        var wantData = options?.ResponseFormat == Ai.ImageGenerationResponseFormat.Data;
        var images = await _images.CreateAsync(body, cancellationToken).ConfigureAwait(false);
        var contents = new List<Ai.AIContent>(images.Count);
        foreach (var image in images)
        {
            contents.Add(await ToContentAsync(image, wantData, cancellationToken).ConfigureAwait(false));
        }

        // The service reports no token or image usage for images, so Usage stays null rather than invented.
        return new Ai.ImageGenerationResponse(contents) { RawRepresentation = images };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.ImageGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_images) ? _images
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The ImagesClient belongs to its MiladyCloudClient.
    }

    private ImageGenerationRequest BuildRequest(Ai.ImageGenerationRequest request, Ai.ImageGenerationOptions? options)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("The service needs a prompt: set ImageGenerationRequest.Prompt.", nameof(request));
        }

        var template = options?.RawRepresentationFactory?.Invoke(this) as ImageGenerationRequest;
        var body = template ?? new ImageGenerationRequest { Prompt = request.Prompt };
        body.Prompt = request.Prompt;
        body.Model = options?.ModelId ?? template?.Model ?? _defaultModel;
        if (options?.Count is { } count)
        {
            body.NumImages = count;
        }

        if (options?.ImageSize is { } size)
        {
            body.AspectRatio = AspectRatioOf(size.Width, size.Height);
        }

        if (options?.MediaType is not null)
        {
            throw new ArgumentException("The service picks the image format itself (PNG or WebP, by model); ImageGenerationOptions.MediaType cannot be honoured, so it is refused rather than ignored.", nameof(options));
        }

        if (options?.ResponseFormat == Ai.ImageGenerationResponseFormat.Hosted)
        {
            throw new ArgumentException("The service has no hosted-file ids for images; ask for ImageGenerationResponseFormat.Uri or Data.", nameof(options));
        }

        if (SourceImage(request.OriginalImages) is { } source)
        {
            body.SourceImage = source;
        }

        return body;
    }

    private static ImageAspectRatio AspectRatioOf(int width, int height)
    {
        if (width > 0 && height > 0)
        {
            var divisor = Gcd(width, height);
            if (AspectRatios.TryGetValue((width / divisor, height / divisor), out var ratio))
            {
                return ratio;
            }
        }

        throw new ArgumentException($"The service takes an aspect ratio, not a size: {width}x{height} is none of 1:1, 16:9, 9:16, 4:3, 3:4, 21:9 or 9:21.", "options");
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static string? SourceImage(IEnumerable<Ai.AIContent>? originals)
    {
        var list = originals?.ToList();
        if (list is null || list.Count == 0)
        {
            return null;
        }

        if (list.Count > 1)
        {
            throw new ArgumentException($"The service edits one source image at a time (got {list.Count}).", "request");
        }

        if (list[0] is not Ai.DataContent data || !data.HasTopLevelMediaType("image"))
        {
            throw new ArgumentException("The source image must be a DataContent with an image media type (the service takes it inline, not by URL).", "request");
        }

        return ImageDataUrl.FromBytes(data.Data.Span, data.MediaType);
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => FallbackMediaType,
    };

    private static async Task<Ai.AIContent> ToContentAsync(GeneratedImageResult image, bool wantData, CancellationToken cancellationToken)
    {
        var stored = image.Image.Url;
        if (!wantData && !string.IsNullOrEmpty(stored) && Uri.TryCreate(stored, UriKind.Absolute, out var url))
        {
            var mediaType = image.MediaType ?? MediaTypeOf(url.AbsolutePath);
            return new Ai.UriContent(url, mediaType) { RawRepresentation = image };
        }

        var bytes = await image.GetBytesAsync(cancellationToken).ConfigureAwait(false);
        return new Ai.DataContent(bytes, image.MediaType ?? FallbackMediaType) { RawRepresentation = image };
    }
}
