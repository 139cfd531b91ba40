using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MiladyCloud.Sdk;

/// <summary>
/// The names under which the SDK reports traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/>
/// both called <c>MiladyCloud.Sdk</c>. Nothing is recorded unless a listener subscribes.
/// </summary>
public static class MiladyCloudTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "MiladyCloud.Sdk";

    internal static readonly ActivitySource ActivitySource = new(Name, Internal.UserAgent.SdkVersion);

    internal static readonly Meter Meter = new(Name, Internal.UserAgent.SdkVersion);

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "miladycloud.client.request.duration", "s", "Time from sending a request to its response headers, retries included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "miladycloud.client.retries", "{retry}", "Retries scheduled by the resilience pipeline.");

    internal static readonly Histogram<double> RetryDelay = Meter.CreateHistogram<double>(
        "miladycloud.client.retry.delay", "s", "How long the SDK waited before a retry.");

    internal static readonly Counter<long> RateLimitHolds = Meter.CreateCounter<long>(
        "miladycloud.client.rate_limit.holds", "{hold}", "Requests held back because the server would have refused them (rate limit).");

    internal static readonly Histogram<double> RateLimitHoldTime = Meter.CreateHistogram<double>(
        "miladycloud.client.rate_limit.hold.duration", "s", "How long a request was held back for the server's rate limit.");

    internal static readonly Histogram<long> RateLimitRemaining = Meter.CreateHistogram<long>(
        "miladycloud.client.rate_limit.remaining", "{request}", "X-RateLimit-Remaining as reported on responses.");

    internal static readonly Histogram<double> TimeToFirstEvent = Meter.CreateHistogram<double>(
        "miladycloud.client.stream.time_to_first_event", "s", "Time from starting a stream to its first event.");

    internal static readonly Counter<long> TokensUsed = Meter.CreateCounter<long>(
        "gen_ai.client.token.usage.total", "{token}", "Tokens the service reported as used.");
}
