using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The server's checks on automation settings; each returns the first problem, or null.</summary>
internal static class AppAutomationLimits
{
    public static string? Discord(JsonElement body)
        => Intervals(body, "announceIntervalMin", "announceIntervalMax", 30, 30) ?? Common(body);

    public static string? Telegram(JsonElement body)
        => Intervals(body, "announceIntervalMin", "announceIntervalMax", 30, 30)
            ?? (FakeFormat.Text(body, "welcomeMessage") is { Length: > 500 } ? "welcomeMessage must be at most 500 characters" : null)
            ?? Common(body);

    public static string? Twitter(JsonElement body)
    {
        var topics = FakeFormat.Strings(body, "topics");
        return Intervals(body, "postIntervalMin", "postIntervalMax", 30, 60)
            ?? (topics is { Count: > 10 } || topics?.Any(t => t.Length > 50) == true ? "At most 10 topics of at most 50 characters" : null)
            ?? (FakeFormat.Text(body, "vibeStyle") is { Length: > 100 } ? "vibeStyle must be at most 100 characters" : null);
    }

    private static string? Common(JsonElement body)
        => FakeFormat.Text(body, "vibeStyle") is { Length: > 100 } ? "vibeStyle must be at most 100 characters"
            : FakeFormat.Text(body, "agentCharacterId") is { } id && !Guid.TryParse(id, out _) ? "agentCharacterId must be a UUID"
            : null;

    private static string? Intervals(JsonElement body, string minName, string maxName, int minFloor, int maxFloor)
    {
        var min = FakeFormat.Number(body, minName);
        var max = FakeFormat.Number(body, maxName);
        if (min is { } low && (low < minFloor || low > 1440))
        {
            return $"{minName} must be between {minFloor} and 1440 minutes";
        }

        if (max is { } high && (high < maxFloor || high > 1440))
        {
            return $"{maxName} must be between {maxFloor} and 1440 minutes";
        }

        return min > max ? $"{minName} must not exceed {maxName}" : null;
    }
}
