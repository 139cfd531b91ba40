using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MiladyCloud.Sdk.Redis.Internal;

/// <summary>
/// The fleet's instruments, in a meter named like the SDK's (<see cref="MiladyCloudTelemetry.Name"/>), so whoever
/// listens to <c>MiladyCloud.Sdk</c> gets them with the rest.
/// </summary>
internal static class FleetTelemetry
{
    public const string PresetTag = "miladycloud.rate_limit.preset";
    public const string ReasonTag = "miladycloud.rate_limit.reason";

    private static readonly Meter Meter = new(MiladyCloudTelemetry.Name, typeof(FleetTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>Calls the fleet's shared state made wait (the counter of the whole fleet, or a hold another replica set).</summary>
    public static readonly Counter<long> Holds = Meter.CreateCounter<long>(
        "miladycloud.client.rate_limit.fleet.holds", "{hold}", "Calls held back by the fleet's shared rate-limit state in Redis.");

    /// <summary>How long the fleet's state said to wait.</summary>
    public static readonly Histogram<double> HoldTime = Meter.CreateHistogram<double>(
        "miladycloud.client.rate_limit.fleet.hold.duration", "s", "How long the fleet's shared rate-limit state said a call must wait.");

    /// <summary>Calls decided by the process's own replica because Redis was unreachable, slow or failing.</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "miladycloud.client.rate_limit.fleet.fallbacks", "{call}", "Rate-limit decisions made without Redis (unreachable, slow or failing): fail open to the local replica.");

    public static void RecordHold(string preset, int reason, TimeSpan wait)
    {
        var tags = new TagList { { PresetTag, preset }, { ReasonTag, reason == 2 ? "hold" : "counter" } };
        Holds.Add(1, tags);
        HoldTime.Record(wait.TotalSeconds, tags);
    }

    public static void RecordFallback(string preset, string reason)
        => Fallbacks.Add(1, new TagList { { PresetTag, preset }, { ReasonTag, reason } });
}
