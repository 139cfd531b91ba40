using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>OpenAI-compatible embeddings (<c>/embeddings</c>). Obtain it from <see cref="MiladyCloudClient.Embeddings"/>.</summary>
public class EmbeddingsClient : CategoryClient
{
    private const int MaxBatchSize = 2048;

    /// <summary>For mocking frameworks.</summary>
    protected EmbeddingsClient()
    {
    }

    internal EmbeddingsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Creates embeddings, one per input, in input order.</summary>
    /// <param name="request">The request (the server requires <c>model</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; each vector is <c>Data[i].Embedding.Memory</c>.</returns>
    /// <exception cref="ArgumentException">The model or the input is missing or empty (checked before sending).</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return Pipeline.SendModelCallAsync("embeddings", request, MiladyCloudJsonContext.Default.EmbeddingRequest, MiladyCloudJsonContext.Default.EmbeddingResponse, Internal.Telemetry.ModelCall.Embeddings(request), SendFlags.ConsumesCredits, cancellationToken);
    }

    /// <summary>Embeds one text.</summary>
    /// <param name="model">The model id, such as <c>openai/text-embedding-3-small</c>.</param>
    /// <param name="input">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vector.</returns>
    public virtual async Task<ReadOnlyMemory<float>> CreateAsync(string model, string input, CancellationToken cancellationToken = default)
    {
        var response = await CreateAsync(new EmbeddingRequest { Model = model, Input = EmbeddingInput.FromText(input ?? throw new ArgumentNullException(nameof(input))) }, cancellationToken).ConfigureAwait(false);
        return InOrder(response, 1)[0];
    }

    /// <summary>
    /// Embeds any number of texts in requests of at most <paramref name="batchSize"/> inputs each, sent one after
    /// another, and returns the vectors in input order.
    /// </summary>
    /// <param name="model">The model id.</param>
    /// <param name="inputs">The texts.</param>
    /// <param name="batchSize">Inputs per request (1 to 2048).</param>
    /// <param name="cancellationToken">Cancels the remaining requests.</param>
    /// <returns>One vector per input, in input order.</returns>
    /// <exception cref="MiladyCloudResponseFormatException">A response did not hold exactly one vector per input.</exception>
    public virtual async Task<IReadOnlyList<ReadOnlyMemory<float>>> CreateBatchedAsync(string model, IReadOnlyList<string> inputs, int batchSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        ValidateInputs(inputs);
        var vectors = new List<ReadOnlyMemory<float>>(inputs.Count);
        foreach (var batch in inputs.Chunk(batchSize))
        {
            var response = await CreateAsync(new EmbeddingRequest { Model = model, Input = EmbeddingInput.FromItems(batch) }, cancellationToken).ConfigureAwait(false);
            vectors.AddRange(InOrder(response, batch.Length));
        }

        return vectors;
    }

    /// <summary>This client as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="defaultModel">The model used when <c>EmbeddingGenerationOptions.ModelId</c> is not set, such as <c>openai/text-embedding-3-small</c>.</param>
    /// <returns>The generator; disposing it leaves this client usable.</returns>
    /// <exception cref="ArgumentException"><paramref name="defaultModel"/> is empty or white space.</exception>
    /// <remarks>
    /// The service always returns the model's full vectors: <c>EmbeddingGenerationOptions.Dimensions</c> is refused
    /// before sending rather than silently ignored.
    /// </remarks>
    public virtual Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> AsEmbeddingGenerator(string? defaultModel = null)
    {
        if (defaultModel is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        }

        return new Internal.AI.MiladyCloudEmbeddingGeneratorAdapter(this, Pipeline.Options.BaseUrl, Pipeline.TimeProvider, defaultModel);
    }

    /// <summary>The vectors of a response sorted by their <c>index</c>, checked to be exactly one per input.</summary>
    internal static ReadOnlyMemory<float>[] InOrder(EmbeddingResponse response, int expected)
    {
        var vectors = new ReadOnlyMemory<float>[expected];
        var seen = new bool[expected];
        foreach (var item in response.Data)
        {
            if (item.Index < 0 || item.Index >= expected || seen[item.Index])
            {
                throw new MiladyCloudResponseFormatException($"The embeddings response had an unexpected or repeated index {item.Index} for {expected} input(s).", null);
            }

            seen[item.Index] = true;
            vectors[item.Index] = item.Embedding.Memory;
        }

        if (Array.IndexOf(seen, false) is var missing and >= 0)
        {
            throw new MiladyCloudResponseFormatException($"The embeddings response had no vector for input {missing} of {expected}.", null);
        }

        return vectors;
    }

    private static void Validate(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Required(request.Model, "model");
        if (request.Input is null)
        {
            throw new ArgumentException("input is required.", nameof(request));
        }

        if (request.Input.Items is { } items)
        {
            ValidateInputs(items.ToList());
        }
        else if (string.IsNullOrWhiteSpace(request.Input.Text))
        {
            throw new ArgumentException("input must not be empty.", nameof(request));
        }

        if (request.Dimensions is not null)
        {
            throw new ArgumentException(DimensionsIgnored, nameof(request));
        }
    }

    /// <summary>The service's handler never passes <c>dimensions</c> on: a shorter vector would silently not happen.</summary>
    internal const string DimensionsIgnored = "dimensions is not supported: the service ignores it and always returns the model's full vectors. Leave it unset (for models trained for it, such as text-embedding-3, truncate and re-normalize the vectors yourself).";

    private static void ValidateInputs(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("input must contain at least one text.", nameof(inputs));
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(inputs[i]))
            {
                throw new ArgumentException($"input[{i}] is empty; the server rejects empty texts.", nameof(inputs));
            }
        }
    }
}
