using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>The automation limits the server enforces, checked before sending.</summary>
internal static class AppAutomationValidator
{
    /// <summary>The stored defaults a one-sided interval is compared with (the routes hard-code 120 and 240).</summary>
    private const int DefaultIntervalMin = 120;
    private const int DefaultIntervalMax = 240;

    public static void Validate(AppDiscordAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Intervals(settings.AnnounceIntervalMin, settings.AnnounceIntervalMax, 30, "announceInterval");
        AppRequestValidator.MaxLength(settings.VibeStyle, 100, "vibeStyle");
        AppRequestValidator.Uuid(settings.AgentCharacterId, "agentCharacterId");
    }

    public static void Validate(AppTelegramAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Intervals(settings.AnnounceIntervalMin, settings.AnnounceIntervalMax, 30, "announceInterval");
        AppRequestValidator.MaxLength(settings.WelcomeMessage, 500, "welcomeMessage");
        AppRequestValidator.MaxLength(settings.VibeStyle, 100, "vibeStyle");
        AppRequestValidator.Uuid(settings.AgentCharacterId, "agentCharacterId");
    }

    public static void Validate(AppTwitterAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Intervals(settings.PostIntervalMin, settings.PostIntervalMax, 60, "postInterval");
        AppRequestValidator.MaxLength(settings.VibeStyle, 100, "vibeStyle");
        Topics(settings.Topics);
    }

    public static void Topics(IList<string>? topics)
    {
        if (topics is not null && (topics.Count > 10 || topics.Any(t => t is null || t.Length > 50)))
        {
            throw new ArgumentException("topics holds at most 10 topics of at most 50 characters.", "topics");
        }
    }

    /// <summary>
    /// The enable routes' interval rules: each value in range; with both, min &lt;= max; with only one, it is compared
    /// with the other's default (a maximum of at least 120, a minimum of at most 240).
    /// </summary>
    private static void Intervals(int? min, int? max, int lowestMax, string field)
    {
        AppRequestValidator.Range(min, 30, 1440, field + "Min");
        AppRequestValidator.Range(max, lowestMax, 1440, field + "Max");
        switch (min, max)
        {
            case ({ } both, { } upper) when both > upper:
                throw new ArgumentException($"{field}Min must not exceed {field}Max.", field + "Min");
            case (null, < DefaultIntervalMin):
                throw new ArgumentException($"{field}Max alone must be at least {DefaultIntervalMin} (the default minimum); send {field}Min too for a shorter range.", field + "Max");
            case (> DefaultIntervalMax, null):
                throw new ArgumentException($"{field}Min alone must be at most {DefaultIntervalMax} (the default maximum); send {field}Max too for a longer range.", field + "Min");
        }
    }
}
