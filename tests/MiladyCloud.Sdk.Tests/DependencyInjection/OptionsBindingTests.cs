using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MiladyCloud.Sdk.Tests.DependencyInjection;

/// <summary>
/// Every option a user can set in code can be set from configuration (by its property name), and a value that does
/// not convert fails at start-up naming its key instead of being ignored.
/// </summary>
public class OptionsBindingTests
{
    /// <summary>Objects, not text: they are set in code (the binder skips them).</summary>
    private static readonly string[] CodeOnly = [nameof(MiladyCloudClientOptions.LoggerFactory), nameof(MiladyCloudClientOptions.TimeProvider), nameof(MiladyCloudClientOptions.RateLimits)];

    private static IEnumerable<PropertyInfo> Settable()
        => typeof(MiladyCloudClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && !CodeOnly.Contains(p.Name));

    [Test]
    public void Every_settable_option_binds_from_its_key()
    {
        var defaults = new MiladyCloudClientOptions();
        var values = Settable().ToDictionary(p => p.Name, p => ConfiguredValue(p.PropertyType, p.GetValue(defaults)));

        var options = Bind(values.ToDictionary(v => "MiladyCloud:" + v.Key, v => (string?)v.Value.Text));

        Assert.Multiple(() =>
        {
            foreach (var property in Settable())
            {
                Assert.That(property.GetValue(options), Is.EqualTo(values[property.Name].Expected), property.Name + " did not bind");
            }
        });
        Assert.That(values.Keys, Is.SupersetOf(new[] { "RetryCreditConsumingRequestsOnAmbiguousFailures", "HoldWhenRateLimitExhausted", "MaxDownloadBytes", "SessionCookie" }));
    }

    [TestCase("MaxRetries", "three")]
    [TestCase("NetworkTimeout", "ten seconds")]
    [TestCase("BaseUrl", "http://[::1")]
    [TestCase("Authentication", "Basic")]
    [TestCase("HoldWhenRateLimitExhausted", "sometimes")]
    [TestCase("MaxResponseBytes", "1e99")]
    public void A_malformed_value_fails_at_start_up_naming_the_key(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddMiladyCloud(Section(new Dictionary<string, string?> { ["MiladyCloud:ApiKey"] = "eliza_x", ["MiladyCloud:" + key] = value }));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Catch(() => _ = provider.GetRequiredService<IOptions<MiladyCloudClientOptions>>().Value);

        Assert.That(error!.Message, Does.Contain(key));
    }

    private static MiladyCloudClientOptions Bind(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddMiladyCloud(Section(values));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MiladyCloudClientOptions>>().Value;
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values)
        => new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("MiladyCloud");

    /// <summary>A text for the property's type whose value differs from the default, and that value.</summary>
    private static (string Text, object Expected) ConfiguredValue(Type type, object? current)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => ("configured-value", "configured-value"),
            _ when underlying == typeof(bool) => ((!(bool)(current ?? false)).ToString(CultureInfo.InvariantCulture), !(bool)(current ?? false)),
            _ when underlying == typeof(int) => ("7", 7),
            _ when underlying == typeof(long) => ("1048577", 1048577L),
            _ when underlying == typeof(TimeSpan) => ("00:00:42", TimeSpan.FromSeconds(42)),
            _ when underlying == typeof(Uri) => ("https://configured.example.com/api/v1/", new Uri("https://configured.example.com/api/v1/")),
            _ when underlying.IsEnum => EnumValue(underlying, current),
            _ => throw new AssertionException($"Add a configured value for options of type {type}."),
        };
    }

    private static (string Text, object Expected) EnumValue(Type type, object? current)
    {
        var other = Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current));
        return (other.ToString()!, other);
    }
}
