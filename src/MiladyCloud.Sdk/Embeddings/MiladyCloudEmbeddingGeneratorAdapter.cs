using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary><see cref="Ai.IEmbeddingGenerator{TInput, TEmbedding}"/> over the embeddings endpoint.</summary>
internal sealed class MiladyCloudEmbeddingGeneratorAdapter : Ai.IEmbeddingGenerator<string, Ai.Embedding<float>>
{
    private readonly EmbeddingsClient _embeddings;
    private readonly string? _defaultModel;
    private readonly Ai.EmbeddingGeneratorMetadata _metadata;
    private readonly TimeProvider _clock;

    public MiladyCloudEmbeddingGeneratorAdapter(EmbeddingsClient embeddings, Uri? endpoint, TimeProvider clock, string? defaultModel)
    {
        _embeddings = embeddings;
        _clock = clock;
        _defaultModel = defaultModel;
        _metadata = new Ai.EmbeddingGeneratorMetadata(AiProvider.Name, endpoint, defaultModel);
    }

    public async Task<Ai.GeneratedEmbeddings<Ai.Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Ai.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var request = BuildRequest(inputs, options);
        var response = await _embeddings.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var vectors = EmbeddingsClient.InOrder(response, inputs.Count);
        var created = _clock.GetUtcNow();
        var embeddings = vectors.Select(vector => new Ai.Embedding<float>(vector) { ModelId = response.Model, CreatedAt = created });
        return new Ai.GeneratedEmbeddings<Ai.Embedding<float>>(embeddings)
        {
            Usage = response.Usage is { } usage ? new Ai.UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens } : null,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Ai.EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_embeddings) ? _embeddings
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The EmbeddingsClient belongs to its MiladyCloudClient.
    }

    private EmbeddingRequest BuildRequest(List<string> inputs, Ai.EmbeddingGenerationOptions? options)
    {
        var template = options?.RawRepresentationFactory?.Invoke(this) as EmbeddingRequest;
        var model = options?.ModelId ?? template?.Model ?? _defaultModel
            ?? throw new ArgumentException("No model given: set EmbeddingGenerationOptions.ModelId or pass a default model to AsEmbeddingGenerator(model).", nameof(options));
        var request = template ?? new EmbeddingRequest { Model = model, Input = EmbeddingInput.FromItems(inputs) };
        request.Model = model;
        request.Input = EmbeddingInput.FromItems(inputs);
        if (options?.Dimensions is not null)
        {
            throw new ArgumentException(EmbeddingsClient.DimensionsIgnored, nameof(options));
        }

        return request;
    }
}
