using System.Net;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MiladyCloudClient"/> and its category clients on a typed HttpClient.</summary>
public static class MiladyCloudServiceCollectionExtensions
{
    /// <summary>The name of the SDK's HttpClient in <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "MiladyCloud";

    /// <summary>The resilience handler's name (one pipeline: retries outside, a per-attempt timeout inside).</summary>
    public const string ResilienceHandlerName = "MiladyCloud";

    /// <summary>
    /// Registers the client, validated at start-up. Unset options fall back to the environment:
    /// <c>MILADY_CLOUD_API_KEY</c> (or <c>ELIZAOS_CLOUD_API_KEY</c>) and <c>MILADY_CLOUD_BASE_URL</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder exposing the HttpClient builder.</returns>
    public static MiladyCloudBuilder AddMiladyCloud(this IServiceCollection services, Action<MiladyCloudClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MiladyCloudClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>Registers the client with options bound from a configuration section (by convention <c>MiladyCloud</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, for example <c>configuration.GetSection("MiladyCloud")</c>.</param>
    /// <returns>A builder exposing the HttpClient builder.</returns>
    public static MiladyCloudBuilder AddMiladyCloud(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<MiladyCloudClientOptions>().Configure(options => Bind(section, options));
        return AddCore(services);
    }

    /// <summary>
    /// Registers a second (third …) client under a key, for several accounts or base URLs in one app. Inject it with
    /// <c>[FromKeyedServices("name")] MiladyCloudClient</c>; its options are the named options <paramref name="name"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The key and options name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder exposing this client's HttpClient builder.</returns>
    public static MiladyCloudBuilder AddMiladyCloud(this IServiceCollection services, string name, Action<MiladyCloudClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MiladyCloudClientOptions>(name).Configure(configure);
        return AddCore(services, name);
    }

    private static MiladyCloudBuilder AddCore(IServiceCollection services, string? name = null)
    {
        var optionsName = name ?? Options.Options.DefaultName;
        services.AddOptions<MiladyCloudClientOptions>(optionsName)
            .PostConfigure(EnvironmentFallbacks.Apply)
            .PostConfigure<IServiceProvider>((options, provider) => options.LoggerFactory ??= provider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>())
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MiladyCloudClientOptions>, MiladyCloudOptionsValidation>());

        var clientName = name is null ? HttpClientName : $"{HttpClientName}:{name}";
        var http = HandlerChain.AddTo(services, clientName, ResilienceHandlerName, provider => OptionsFor(provider, optionsName));

        if (name is null)
        {
            services.AddSingleton<RateLimitTracker>();
            services.AddTransient(sp => CreateClient(sp, clientName, optionsName, sp.GetRequiredService<RateLimitTracker>()));
        }
        else
        {
            services.AddKeyedSingleton<RateLimitTracker>(name);
            services.AddKeyedTransient(name, (sp, _) => CreateClient(sp, clientName, optionsName, sp.GetRequiredKeyedService<RateLimitTracker>(name)));
        }

        AddCategoryClients(services, name);

        return new MiladyCloudBuilder(services, http) { Name = name };
    }

    private static MiladyCloudClient CreateClient(IServiceProvider provider, string clientName, string optionsName, RateLimitTracker rateLimits)
        => new(provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName), OptionsFor(provider, optionsName), rateLimits);

    private static MiladyCloudClientOptions OptionsFor(IServiceProvider provider, string optionsName)
        => provider.GetRequiredService<IOptionsMonitor<MiladyCloudClientOptions>>().Get(optionsName);

    /// <summary>The category clients, keyed like their <see cref="MiladyCloudClient"/> when the registration is named.</summary>
    private static void AddCategoryClients(IServiceCollection services, string? name)
    {
        AddCategoryClient(services, name, client => client.Chat);
        AddCategoryClient(services, name, client => client.Messages);
        AddCategoryClient(services, name, client => client.Models);
        AddCategoryClient(services, name, client => client.Embeddings);
        AddCategoryClient(services, name, client => client.Images);
        AddCategoryClient(services, name, client => client.Videos);
        AddCategoryClient(services, name, client => client.Containers);
        AddCategoryClient(services, name, client => client.Credits);
        AddCategoryClient(services, name, client => client.ApiKeys);
        AddCategoryClient(services, name, client => client.Jobs);
        AddCategoryClient(services, name, client => client.Dashboard);
        AddCategoryClient(services, name, client => client.User);
        AddCategoryClient(services, name, client => client.Agents);
        AddCategoryClient(services, name, client => client.Knowledge);
        AddCategoryClient(services, name, client => client.Apps);
    }

    private static void AddCategoryClient<TClient>(IServiceCollection services, string? name, Func<MiladyCloudClient, TClient> select)
        where TClient : class
    {
        if (name is null)
        {
            services.AddTransient(sp => select(sp.GetRequiredService<MiladyCloudClient>()));
        }
        else
        {
            services.AddKeyedTransient(name, (sp, key) => select(sp.GetRequiredKeyedService<MiladyCloudClient>(key)));
        }
    }

    /// <summary>
    /// Binds every settable option by its property name through the configuration binder's source generator. A value
    /// that does not convert (a malformed number, time span, URL or enum) throws an <see cref="InvalidOperationException"/>
    /// naming the key, when the options are first built: at start-up, since the options are validated on start.
    /// </summary>
    private static void Bind(IConfiguration section, MiladyCloudClientOptions options)
        => section.Bind(options);
}
