using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>The automation limits the server enforces, checked before sending.</summary>
internal static class AppAutomationValidator
{
    public static void Validate(AppDiscordAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Intervals(settings.AnnounceIntervalMin, settings.AnnounceIntervalMax, 30, "announceInterval");
        AppRequestValidator.MaxLength(settings.VibeStyle, 100, "vibeStyle");
    }

    public static void Validate(AppTelegramAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Intervals(settings.AnnounceIntervalMin, settings.AnnounceIntervalMax, 30, "announceInterval");
        AppRequestValidator.MaxLength(settings.WelcomeMessage, 500, "welcomeMessage");
        AppRequestValidator.MaxLength(settings.VibeStyle, 100, "vibeStyle");
    }

    public static void Validate(AppTwitterAutomationRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AppRequestValidator.Range(settings.PostIntervalMin, 30, 1440, "postIntervalMin");
        Intervals(null, settings.PostIntervalMax, 60, "postInterval");
        if (settings.PostIntervalMin > settings.PostIntervalMax)
        {
            throw new ArgumentException("postIntervalMin must not exceed postIntervalMax.", "postIntervalMin");
        }

        if (settings.Topics is { } topics && (topics.Count > 10 || topics.Any(t => t is null || t.Length > 50)))
        {
            throw new ArgumentException("topics holds at most 10 topics of at most 50 characters.", "topics");
        }
    }

    private static void Intervals(int? min, int? max, int lowestMax, string field)
    {
        AppRequestValidator.Range(min, 30, 1440, field + "Min");
        AppRequestValidator.Range(max, lowestMax, 1440, field + "Max");
        if (min > max)
        {
            throw new ArgumentException($"{field}Min must not exceed {field}Max.", field + "Min");
        }
    }
}
