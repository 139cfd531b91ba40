namespace MiladyCloud.Sdk.Internal;

/// <summary>Finds what is wrong with a set of options, phrased as what to fix.</summary>
internal static class OptionsValidator
{
    /// <summary>Below this, even an ordinary error envelope or a model list would not fit.</summary>
    public const long MinimumResponseBytes = 4 * 1024;

    public static List<string> FindProblems(MiladyCloudClientOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.SessionToken))
        {
            problems.Add("Set ApiKey to your elizaOS Cloud API key (or the MILADY_CLOUD_API_KEY environment variable).");
        }
        else if (options.ApiKey is { } key && HeaderValues.ContainsLineBreak(key))
        {
            problems.Add("ApiKey contains a line break; copy the key again without surrounding whitespace.");
        }

        if (options.SessionToken is { } session && (HeaderValues.ContainsLineBreak(session) || session.Contains(';', StringComparison.Ordinal)))
        {
            problems.Add("SessionToken must be the bare token value, without line breaks or ';'.");
        }

        if (!Enum.IsDefined(options.SessionCookie))
        {
            problems.Add($"SessionCookie must be Auto, Privy or Steward (was {options.SessionCookie}).");
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            problems.Add($"Authentication must be Bearer, ApiKeyHeader or Both (was {options.Authentication}).");
        }

        CheckBaseUrl(options.BaseUrl, nameof(options.BaseUrl), options.AllowInsecureHttp, problems);
        if (options.SiteUrl is not null)
        {
            CheckBaseUrl(options.SiteUrl, nameof(options.SiteUrl), options.AllowInsecureHttp, problems);
        }

        CheckTimeout(options.NetworkTimeout, nameof(options.NetworkTimeout), problems);
        CheckTimeout(options.OperationTimeout, nameof(options.OperationTimeout), problems);
        CheckTimeout(options.StreamFirstEventTimeout, nameof(options.StreamFirstEventTimeout), problems);
        CheckTimeout(options.StreamIdleTimeout, nameof(options.StreamIdleTimeout), problems);
        if (options.MaxRetries is < 0 or > 10)
        {
            problems.Add($"MaxRetries must be between 0 and 10 (was {options.MaxRetries}).");
        }

        if (options.MaxConnectionsPerServer <= 0)
        {
            problems.Add($"MaxConnectionsPerServer must be positive (was {options.MaxConnectionsPerServer}).");
        }

        if (options.MaxDownloadBytes <= 0)
        {
            problems.Add($"MaxDownloadBytes must be positive (was {options.MaxDownloadBytes}).");
        }

        if (options.MaxResponseBytes < MinimumResponseBytes || options.MaxResponseBytes > Array.MaxLength)
        {
            problems.Add($"MaxResponseBytes must be between {MinimumResponseBytes:N0} and {Array.MaxLength:N0} (was {options.MaxResponseBytes}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            problems.Add("RetryBaseDelay must not be negative.");
        }

        if (options.MaxRetryDelay < TimeSpan.Zero)
        {
            problems.Add("MaxRetryDelay must not be negative.");
        }

        if (options.TimeProvider is null)
        {
            problems.Add("TimeProvider must not be null; use TimeProvider.System.");
        }

        if (options.ApplicationId is { } appId && (HeaderValues.ContainsLineBreak(appId) || !HeaderValues.IsValidProductToken(appId)))
        {
            problems.Add("ApplicationId must be a User-Agent product token such as \"MyApp/1.2\".");
        }

        return problems;
    }

    private static void CheckBaseUrl(Uri? url, string name, bool allowInsecureHttp, List<string> problems)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            problems.Add($"{name} must be an absolute URL such as https://cloud.milady.ai/api/v1.");
            return;
        }

        var secure = url.Scheme == Uri.UriSchemeHttps;
        var allowedHttp = url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || allowInsecureHttp);
        if (!secure && !allowedHttp)
        {
            problems.Add($"{name} must use https (plain http is allowed only for loopback addresses, or anywhere with AllowInsecureHttp = true); was {url.GetLeftPart(UriPartial.Authority)}.");
        }
    }

    private static void CheckTimeout(TimeSpan value, string name, List<string> problems)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{name} must be positive or Timeout.InfiniteTimeSpan (was {value}).");
        }
    }
}
