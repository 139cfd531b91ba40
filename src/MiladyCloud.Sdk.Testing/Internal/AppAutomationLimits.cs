using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The server's checks on automation settings. Each returns the 400 the route sends, or null: a schema failure as
/// <c>{error, details}</c> (a flattened validation tree; Discord and Telegram say <c>Validation failed</c>, Twitter/X
/// <c>Invalid request</c>), then the routes' own interval rules as <c>{error}</c>.
/// </summary>
internal static class AppAutomationLimits
{
    private const int DefaultIntervalMin = 120;
    private const int DefaultIntervalMax = 240;

    public static FakeResponse? Discord(JsonElement body)
        => Schema("Validation failed", Range(body, "announceIntervalMin", 30) ?? Range(body, "announceIntervalMax", 30) ?? Common(body))
            ?? OneSided(body, "announceIntervalMin", "announceIntervalMax");

    public static FakeResponse? Telegram(JsonElement body)
        => Schema("Validation failed", Range(body, "announceIntervalMin", 30) ?? Range(body, "announceIntervalMax", 30)
                ?? When(FakeFormat.Text(body, "welcomeMessage") is { Length: > 500 }, "welcomeMessage", "Too big: expected string to have <=500 characters")
                ?? Common(body))
            ?? OneSided(body, "announceIntervalMin", "announceIntervalMax");

    public static FakeResponse? Twitter(JsonElement body)
    {
        var topics = FakeFormat.Strings(body, "topics");
        var problem = Range(body, "postIntervalMin", 30, wholeMinutes: true) ?? Range(body, "postIntervalMax", 60, wholeMinutes: true)
            ?? When(topics is { Count: > 10 } || topics?.Any(t => t.Length > 50) == true, "topics", "At most 10 topics of at most 50 characters")
            ?? When(FakeFormat.Text(body, "vibeStyle") is { Length: > 100 }, "vibeStyle", "Too big: expected string to have <=100 characters");
        return Schema("Invalid request", problem) ?? OneSided(body, "postIntervalMin", "postIntervalMax");
    }

    private static (string Field, string Message)? When(bool broken, string field, string message)
        => broken ? (field, message) : null;

    private static (string Field, string Message)? Common(JsonElement body)
        => FakeFormat.Text(body, "vibeStyle") is { Length: > 100 } ? ("vibeStyle", "Too big: expected string to have <=100 characters")
            : FakeFormat.Text(body, "agentCharacterId") is { } id && !Guid.TryParseExact(id, "D", out _) ? ("agentCharacterId", "Invalid UUID")
            : null;

    private static (string Field, string Message)? Range(JsonElement body, string name, int floor, bool wholeMinutes = false)
        => FakeFormat.Number(body, name) is { } value && (value < floor || value > 1440 || (wholeMinutes && value != decimal.Truncate(value)))
            ? (name, $"Expected a number between {floor} and 1440")
            : null;

    /// <summary>Both given: min &lt;= max. One given: it is compared with the other's default.</summary>
    private static FakeResponse? OneSided(JsonElement body, string minName, string maxName)
    {
        var min = FakeFormat.Number(body, minName);
        var max = FakeFormat.Number(body, maxName);
        var message = (min, max) switch
        {
            ({ } low, { } high) when low > high => $"{minName} must be less than {maxName}",
            (null, < DefaultIntervalMin) => $"{maxName} must be >= {DefaultIntervalMin} (default min)",
            (> DefaultIntervalMax, null) => $"{minName} must be <= {DefaultIntervalMax} (default max)",
            _ => null,
        };
        return message is null ? null : FakeFormat.PlainError(HttpStatusCode.BadRequest, message);
    }

    private static FakeResponse? Schema(string error, (string Field, string Message)? problem)
        => problem is not { } p ? null : FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("error", error);
            w.WriteStartObject("details");
            w.WriteStartArray("formErrors");
            w.WriteEndArray();
            w.WriteStartObject("fieldErrors");
            w.WriteStartArray(p.Field);
            w.WriteStringValue(p.Message);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }), HttpStatusCode.BadRequest);
}
