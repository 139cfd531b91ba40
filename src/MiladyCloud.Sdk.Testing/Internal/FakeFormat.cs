using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>Ids, timestamps, money and body readers shared by the account, credits, key and app responders.</summary>
internal static class FakeFormat
{
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A <c>timestamp</c> (without time zone) column as Postgres prints it and the database driver hands it on when a
    /// query selects it through raw SQL: UTC, a space instead of <c>T</c>, microseconds without trailing zeros, no offset
    /// (<c>2026-04-27 12:34:56.789123</c>).
    /// </summary>
    public static string PostgresTimestamp(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var microseconds = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        return microseconds == 0 ? text : text + "." + microseconds.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Lower-case hex of <paramref name="bytes"/> random bytes.</summary>
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A key in the real format: <c>eliza_</c> and 64 lower-case hex characters.</summary>
    public static string NewApiKey() => "eliza_" + Hex(32);

    /// <summary>A numeric id like a Discord snowflake or a tweet id.</summary>
    public static string Digits(int length)
        => string.Concat(Enumerable.Range(0, length).Select(i => (char)('0' + RandomNumberGenerator.GetInt32(i == 0 ? 1 : 0, 10))));

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A numeric column the database sends as text, such as <c>"0.001500"</c>.</summary>
    public static string Numeric(decimal amount, int decimals = 6) => Math.Round(amount, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? Text(JsonElement body, string name)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(JsonElement body, string name)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static decimal? Number(JsonElement body, string name)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.TryGetDecimal(out var number) ? number : null;

    public static JsonElement Member(JsonElement body, string name)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : default;

    public static List<string>? Strings(JsonElement body, string name)
    {
        var array = Member(body, name);
        return array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList() : null;
    }

    /// <summary>Shape F: <c>{"success":false,"error":…}</c>.</summary>
    public static FakeResponse Failure(HttpStatusCode status, string message)
        => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", message);
        }), status);

    /// <summary>Shape E: <c>{"error":…}</c>.</summary>
    public static FakeResponse PlainError(HttpStatusCode status, string message)
        => FakeResponse.Json(JsonText.Object(w => w.WriteString("error", message)), status);

    /// <summary>Shape A: <c>{"success":false,"error":…,"code":…}</c>.</summary>
    public static FakeResponse LibraryError(HttpStatusCode status, string message, string code)
        => FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", false);
            w.WriteString("error", message);
            w.WriteString("code", code);
        }), status);

    /// <summary>
    /// An error that escapes a route handler: the framework answers 500 with a body the route does not define (Next.js
    /// sends plain text).
    /// </summary>
    public static FakeResponse Unhandled()
        => new() { Status = HttpStatusCode.InternalServerError, ContentType = "text/plain", Body = "Internal Server Error" };

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    public static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    public static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteNullable(Utf8JsonWriter w, string name, DateTimeOffset? value) => WriteNullable(w, name, value is { } time ? Iso(time) : null);
}
