using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Video generation (<c>/generate-video</c>). Obtain it from <see cref="MiladyCloudClient.Videos"/>.
/// The server answers only when the video is ready; it has no job id and no polling route, so there is nothing to
/// wait on or resume.
/// </summary>
public class VideosClient : CategoryClient
{
    /// <summary>How long one generation call may take on the network: the server allows itself 300 seconds.</summary>
    public static readonly TimeSpan GenerationTimeout = TimeSpan.FromMinutes(6);


    /// <summary>For mocking frameworks.</summary>
    protected VideosClient()
    {
    }

    internal VideosClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Generates one video and waits for it. The request carries a network timeout of
    /// <see cref="GenerationTimeout"/> instead of the client default. Only the prompt and model are accepted by the
    /// server. A failed generation is still billed about 10% of the quote, so it is not retried automatically.
    /// </summary>
    /// <param name="request">The prompt (required, non-empty) and optional model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored video and provider metadata.</returns>
    /// <exception cref="ArgumentException">The prompt is empty or the model id is blank.</exception>
    public virtual Task<VideoGenerationResponse> CreateAsync(VideoGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("A non-empty prompt is required.", nameof(request));
        }

        if (request.Model is not null && string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("The model id must be null (server default) or non-empty.", nameof(request));
        }

        return Pipeline.SendJsonAsync(HttpMethod.Post, "generate-video", request, MiladyCloudJsonContext.Default.VideoGenerationRequest, MiladyCloudJsonContext.Default.VideoGenerationResponse, cancellationToken, new SendOptions(SendFlags.ConsumesCredits, GenerationTimeout));
    }

    /// <summary>Generates one video from a prompt.</summary>
    /// <param name="prompt">What the video shows.</param>
    /// <param name="model">The model id, or <see langword="null"/> for the server default (<c>fal-ai/veo3</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored video and provider metadata.</returns>
    /// <exception cref="ArgumentException">The prompt is empty.</exception>
    public virtual Task<VideoGenerationResponse> CreateAsync(string prompt, string? model = null, CancellationToken cancellationToken = default)
        => CreateAsync(new VideoGenerationRequest { Prompt = prompt!, Model = model }, cancellationToken);
}
