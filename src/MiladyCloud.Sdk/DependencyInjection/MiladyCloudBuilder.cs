using MiladyCloud.Sdk;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddMiladyCloud</c>: the registration's service collection and the <see cref="IHttpClientBuilder"/>
/// of its typed HttpClient, to add handlers or a proxy, or to replace the resilience pipeline
/// (<c>RemoveAllResilienceHandlers()</c>, then add your own, so requests are never retried twice).
/// </summary>
public class MiladyCloudBuilder
{
    /// <summary>Creates the builder.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="httpClientBuilder">The builder of the SDK's HttpClient.</param>
    public MiladyCloudBuilder(IServiceCollection services, IHttpClientBuilder httpClientBuilder)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
        HttpClientBuilder = httpClientBuilder ?? throw new ArgumentNullException(nameof(httpClientBuilder));
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The key of a keyed registration, or <see langword="null"/> for the default one.</summary>
    public string? Name { get; init; }

    /// <summary>The builder of the HttpClient the SDK uses (named <see cref="MiladyCloudServiceCollectionExtensions.HttpClientName"/>).</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="IChatClient"/> over this registration's chat completions
    /// (keyed by <see cref="Name"/> when the registration is keyed). Wrap it with <c>ChatClientBuilder</c> from
    /// Microsoft.Extensions.AI for function invocation, caching or OpenTelemetry.
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ChatOptions.ModelId</c> is not set.</param>
    /// <returns>This builder.</returns>
    public virtual MiladyCloudBuilder AddChatClient(string defaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        if (Name is null)
        {
            Services.AddSingleton(sp => sp.GetRequiredService<MiladyCloudClient>().Chat.AsChatClient(defaultModel));
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Chat.AsChatClient(defaultModel));
        }

        return this;
    }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="IChatClient"/> over this registration's Anthropic-style
    /// messages (keyed by <see cref="Name"/> when the registration is keyed): the one to use for tools, since the
    /// service runs them on <c>/messages</c> and not on chat completions. Wrap it with <c>ChatClientBuilder</c> and
    /// <c>UseFunctionInvocation()</c> to run tool loops. It is registered as <see cref="IChatClient"/> like
    /// <see cref="AddChatClient"/>, so call one of the two per registration (the last one called is the one resolved).
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ChatOptions.ModelId</c> is not set, such as <c>claude-sonnet-4-6</c>.</param>
    /// <param name="defaultMaxTokens">The most tokens to generate when <c>ChatOptions.MaxOutputTokens</c> is not set; <see langword="null"/> for 1024.</param>
    /// <returns>This builder.</returns>
    public virtual MiladyCloudBuilder AddMessagesChatClient(string defaultModel, int? defaultMaxTokens = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        if (defaultMaxTokens is { } maxTokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1, nameof(defaultMaxTokens));
        }

        if (Name is null)
        {
            Services.AddSingleton(sp => sp.GetRequiredService<MiladyCloudClient>().Messages.AsChatClient(defaultModel, defaultMaxTokens));
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Messages.AsChatClient(defaultModel, defaultMaxTokens));
        }

        return this;
    }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
    /// <c>string</c> to <c>Embedding&lt;float&gt;</c> over this registration's embeddings (keyed by <see cref="Name"/>
    /// when the registration is keyed).
    /// </summary>
    /// <param name="defaultModel">The model used when <c>EmbeddingGenerationOptions.ModelId</c> is not set.</param>
    /// <returns>This builder.</returns>
    public virtual MiladyCloudBuilder AddEmbeddingGenerator(string defaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        if (Name is null)
        {
            Services.AddSingleton(sp => sp.GetRequiredService<MiladyCloudClient>().Embeddings.AsEmbeddingGenerator(defaultModel));
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Embeddings.AsEmbeddingGenerator(defaultModel));
        }

        return this;
    }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="ISpeechToTextClient"/> over this registration's speech to
    /// text (keyed by <see cref="Name"/> when the registration is keyed). The interface is experimental in
    /// Microsoft.Extensions.AI (<c>MEAI001</c>).
    /// </summary>
    /// <returns>This builder.</returns>
#pragma warning disable MEAI001 // Experimental in Microsoft.Extensions.AI; registering it is the point of this member.
    public virtual MiladyCloudBuilder AddSpeechToTextClient()
    {
        if (Name is null)
        {
            Services.AddSingleton<ISpeechToTextClient>(sp => sp.GetRequiredService<MiladyCloudClient>().Voice.AsSpeechToTextClient());
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton<ISpeechToTextClient>(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Voice.AsSpeechToTextClient());
        }

        return this;
    }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="ITextToSpeechClient"/> over this registration's text to
    /// speech (keyed by <see cref="Name"/> when the registration is keyed). The interface is experimental in
    /// Microsoft.Extensions.AI (<c>MEAI001</c>).
    /// </summary>
    /// <param name="defaultVoiceId">The voice used when <c>TextToSpeechOptions.VoiceId</c> is not set; the service's default voice when <see langword="null"/>.</param>
    /// <param name="defaultModelId">The model used when <c>TextToSpeechOptions.ModelId</c> is not set; the service's default when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A default is empty or white space.</exception>
    public virtual MiladyCloudBuilder AddTextToSpeechClient(string? defaultVoiceId = null, string? defaultModelId = null)
    {
        if ((defaultVoiceId is not null && string.IsNullOrWhiteSpace(defaultVoiceId)) || (defaultModelId is not null && string.IsNullOrWhiteSpace(defaultModelId)))
        {
            throw new ArgumentException("Pass null for the service's default, not an empty string.", defaultVoiceId is not null && string.IsNullOrWhiteSpace(defaultVoiceId) ? nameof(defaultVoiceId) : nameof(defaultModelId));
        }

        if (Name is null)
        {
            Services.AddSingleton<ITextToSpeechClient>(sp => sp.GetRequiredService<MiladyCloudClient>().Voice.AsTextToSpeechClient(defaultVoiceId, defaultModelId));
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton<ITextToSpeechClient>(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Voice.AsTextToSpeechClient(defaultVoiceId, defaultModelId));
        }

        return this;
    }

    /// <summary>
    /// Also registers a Microsoft.Extensions.AI <see cref="IImageGenerator"/> over this registration's image
    /// generation (keyed by <see cref="Name"/> when the registration is keyed); see <see cref="ImagesClient.AsImageGenerator"/>.
    /// </summary>
    /// <param name="defaultModel">The model used when <c>ImageGenerationOptions.ModelId</c> is not set; the service's default when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MEAI001")]
    public virtual MiladyCloudBuilder AddImageGenerator(string? defaultModel = null)
    {
        if (defaultModel is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        }

        if (Name is null)
        {
            Services.AddSingleton(sp => sp.GetRequiredService<MiladyCloudClient>().Images.AsImageGenerator(defaultModel));
        }
        else
        {
            var name = Name;
            Services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredKeyedService<MiladyCloudClient>(name).Images.AsImageGenerator(defaultModel));
        }

        return this;
    }
#pragma warning restore MEAI001
}
