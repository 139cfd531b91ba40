using MiladyCloud.Sdk.Internal;

namespace MiladyCloud.Sdk;

/// <summary>
/// The entry point of the SDK: one instance per account and base URL, safe to share between threads and to keep
/// for the life of the application. Each API category has its own client property.
/// </summary>
public class MiladyCloudClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly MiladyCloudPipeline? _pipeline;
    private readonly Lazy<ModelsClient>? _models;
    private readonly Lazy<ContainersClient>? _containers;

    /// <summary>Creates a client for the given API key with default settings.</summary>
    /// <param name="apiKey">The API key (<c>eliza_…</c>).</param>
    public MiladyCloudClient(string apiKey)
        : this(new MiladyCloudClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Creates a client that owns its own connection pool.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="InvalidOperationException">The options are invalid; the message says what to fix.</exception>
    public MiladyCloudClient(MiladyCloudClientOptions options)
        : this(CreateOwnedHttpClient(options), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client on an <see cref="HttpClient"/> you manage (for example one from <c>IHttpClientFactory</c>).
    /// The client does not dispose it.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address and default headers are not used.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="InvalidOperationException">The options are invalid; the message says what to fix.</exception>
    public MiladyCloudClient(HttpClient httpClient, MiladyCloudClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    /// <summary>For mocking frameworks: a client with no pipeline whose members must all be overridden.</summary>
    protected MiladyCloudClient()
    {
    }

    private MiladyCloudClient(HttpClient httpClient, MiladyCloudClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        _pipeline = new MiladyCloudPipeline(httpClient, options);
        _models = new(() => new ModelsClient(_pipeline));
        _containers = new(() => new ContainersClient(_pipeline));
    }

    /// <summary>The model catalog: list, get one, check availability.</summary>
    public virtual ModelsClient Models => _models!.Value;

    /// <summary>Container deployments: create, list, get, update, delete, health, live logs, wait until running.</summary>
    public virtual ContainersClient Containers => _containers!.Value;

    internal MiladyCloudPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This client was created for mocking and has no pipeline.");

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection pool when the client owns it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    private static HttpClient CreateOwnedHttpClient(MiladyCloudClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return DefaultHttpClientFactory.Create(options);
    }
}
