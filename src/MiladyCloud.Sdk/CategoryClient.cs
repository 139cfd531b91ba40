using MiladyCloud.Sdk.Internal;

namespace MiladyCloud.Sdk;

/// <summary>
/// The base of the category clients (<see cref="ChatClient"/>, <see cref="ModelsClient"/> …): they share one
/// pipeline per <see cref="MiladyCloudClient"/>. A client made by a mocking framework has none and must have its
/// members overridden.
/// </summary>
public abstract class CategoryClient
{
    private readonly MiladyCloudPipeline? _pipeline;

    /// <summary>For mocking frameworks.</summary>
    protected CategoryClient()
    {
    }

    private protected CategoryClient(MiladyCloudPipeline pipeline) => _pipeline = pipeline;

    private protected MiladyCloudPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This client was created for mocking and has no pipeline; override the members you call.");
}
