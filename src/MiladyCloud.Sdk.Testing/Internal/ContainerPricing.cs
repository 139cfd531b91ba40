namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The service's container prices (20% over its AWS cost) and allowances.</summary>
internal static class ContainerPricing
{
    public const decimal ImageUpload = 0.25m;
    public const decimal MonthlyBaseCost = 20.00m;
    public const decimal DailyRunningCost = 0.67m;
    public const decimal PerAdditionalInstance = 0.05m;
    public const decimal LowCreditsWarningDays = 2.0m;
    public const int ShutdownWarningHours = 48;
    public const long MaxImageSizeBytes = 2L * 1024 * 1024 * 1024;
    public const int MaxInstancesPerContainer = 10;
    public const int MaxEnvVars = 50;
    public const int DefaultCpu = 1792;
    public const int DefaultMemory = 1792;

    /// <summary>$0.50 + $0.05 per extra instance + $2 per extra 256 CPU units + $1 per extra 512 MB.</summary>
    public static decimal DeploymentFee(int desiredCount, int cpu, int memory)
        => 0.50m + (PerAdditionalInstance * (desiredCount - 1)) + Math.Round(2m * ((cpu / 256m) - 1), 2) + Math.Round((memory / 512m) - 1, 2);

    /// <summary>$0.67 a day per instance, times the vCPUs above one, times the square root of the GB above two.</summary>
    public static decimal DailyCost(int desiredCount, int cpu, int memory)
    {
        var cost = (double)DailyRunningCost * Math.Max(1, desiredCount);
        cost *= cpu > 1024 ? cpu / 1024.0 : 1;
        cost *= memory > 2048 ? Math.Sqrt(memory / 2048.0) : 1;
        return Math.Round((decimal)cost, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The allowance by credit balance: 1 below $1, 5 from $1, 25 from $10, 100 from $100.</summary>
    public static int MaxContainers(decimal balance) => balance switch
    {
        >= 100m => 100,
        >= 10m => 25,
        >= 1m => 5,
        _ => 1,
    };
}
